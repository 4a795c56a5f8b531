package io.trainyard.plugins.loss;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.loss.LossFactory;
import java.util.List;

/** {@code cross-entropy}: log-softmax and negative log-likelihood on logits, as PyTorch's CrossEntropyLoss. */
public final class CrossEntropyLossFactory implements LossFactory {

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public String description() {
        return "Softmax cross-entropy on logits and class indices (PyTorch CrossEntropyLoss)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(Reduction.PARAMETER, ClassWeights.PARAMETER, IgnoreIndex.PARAMETER,
                HyperParameter.decimal("label_smoothing", 0, Range.closed(0, 1),
                        "mix the one-hot target with the uniform distribution by this much"));
    }

    @Override
    public void validate(PluginConfig config) {
        Reduction.of(config);
    }

    @Override
    public Loss create(PluginConfig config) {
        return new CrossEntropyLoss(Reduction.of(config), ClassWeights.of(config), config.getDouble("label_smoothing"),
                IgnoreIndex.of(config));
    }
}
