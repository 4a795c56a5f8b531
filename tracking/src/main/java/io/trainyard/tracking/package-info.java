/**
 * Records runs of training code of your own in a Trainyard store, as MLflow's {@code log_param}/{@code log_metric}
 * do: open a {@link io.trainyard.tracking.Tracker}, start a {@link io.trainyard.tracking.TrackedRun}, log steps
 * and epochs, finish it. Its runs are listed, shown, filtered, compared and exported like the trainer's own.
 */
package io.trainyard.tracking;
