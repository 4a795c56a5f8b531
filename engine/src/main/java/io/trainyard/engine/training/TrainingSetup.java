package io.trainyard.engine.training;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.data.Dataset;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.model.Model;
import io.trainyard.api.optim.Optimizer;
import java.util.List;

/**
 * The components an experiment is trained with, built by its plugins.
 *
 * @param callbacks the experiment's callbacks, in order
 */
public record TrainingSetup(Dataset dataset, Model model, Loss loss, Optimizer optimizer, List<Callback> callbacks) {

    /** The same components with no callbacks, e.g. to time the bare loop. */
    public TrainingSetup withoutCallbacks() {
        return new TrainingSetup(dataset, model, loss, optimizer, List.of());
    }
}
