package io.trainyard.engine.training;

import io.trainyard.engine.config.Experiment;

/** A validated experiment and the components built for it, ready to train. */
public record PreparedExperiment(Experiment experiment, TrainingSetup setup) {
}
