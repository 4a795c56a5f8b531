package com.example.trainyard;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.loss.LossFactory;
import java.util.List;

/** {@code multi-margin}: PyTorch's {@code MultiMarginLoss} (p = 1), the multi-class hinge loss. */
public final class MultiMarginLossFactory implements LossFactory {

    @Override
    public String name() {
        return "multi-margin";
    }

    @Override
    public String description() {
        return "Multi-class hinge loss: mean over samples of sum over wrong classes of max(0, margin - x[y] + x[i]) / C";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.decimal("margin", 1.0, Range.greaterThan(0), "required gap to the true class"));
    }

    @Override
    public Loss create(PluginConfig config) {
        return new MultiMarginLoss(config.getDouble("margin"));
    }
}
