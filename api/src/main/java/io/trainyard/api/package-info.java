/**
 * The Trainyard plugin SPI.
 *
 * <p>A plugin is a factory for one of six kinds of component: a {@link io.trainyard.api.loss.LossFactory loss},
 * an {@link io.trainyard.api.optim.OptimizerFactory optimizer}, a {@link io.trainyard.api.model.ModelFactory
 * model}, a {@link io.trainyard.api.model.LayerFactory layer} (for models that build layers by name), a
 * {@link io.trainyard.api.data.DatasetFactory dataset} or a {@link io.trainyard.api.callback.CallbackFactory
 * training callback}. Each factory carries a unique {@link io.trainyard.api.Plugin#name() name}, a description and
 * the {@link io.trainyard.api.HyperParameter hyperparameters} it accepts, so the engine can validate an experiment
 * file before anything is built and list every plugin for the user.
 *
 * <p>Factories are found with {@link java.util.ServiceLoader}: list the implementation class in
 * {@code META-INF/services/<factory interface>} of your jar. This package depends on the ND4J API and on nothing of
 * the engine.
 */
package io.trainyard.api;
