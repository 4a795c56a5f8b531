package io.trainyard.plugins.loss;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.loss.LossFactory;
import java.util.List;

/** {@code nll}: negative log-likelihood on log-probabilities, as PyTorch's NLLLoss. */
public final class NllLossFactory implements LossFactory {

    @Override
    public String name() {
        return "nll";
    }

    @Override
    public String description() {
        return "Negative log-likelihood on log-probabilities and class indices (PyTorch NLLLoss)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(Reduction.PARAMETER, ClassWeights.PARAMETER, IgnoreIndex.PARAMETER);
    }

    @Override
    public void validate(PluginConfig config) {
        Reduction.of(config);
    }

    @Override
    public Loss create(PluginConfig config) {
        return new NllLoss(Reduction.of(config), ClassWeights.of(config), IgnoreIndex.of(config));
    }
}
