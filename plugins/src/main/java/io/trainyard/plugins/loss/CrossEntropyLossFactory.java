package io.trainyard.plugins.loss;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
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
        return List.of(HyperParameter.string("reduction", "mean", "mean or sum over the batch"));
    }

    @Override
    public void validate(PluginConfig config) {
        String reduction = config.getString("reduction");
        if (!reduction.equals("mean") && !reduction.equals("sum")) {
            throw new TrainyardException("loss.reduction must be 'mean' or 'sum', got '" + reduction + "'");
        }
    }

    @Override
    public Loss create(PluginConfig config) {
        return new CrossEntropyLoss(config.getString("reduction").equals("mean"));
    }
}
