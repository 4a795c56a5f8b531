package io.trainyard.plugins.loss;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;

/** How per-sample losses become one number, as PyTorch's {@code reduction} argument ({@code none} is not offered). */
enum Reduction {
    MEAN, SUM;

    static final HyperParameter PARAMETER = HyperParameter.string("reduction", "mean", "mean or sum over the batch");

    static Reduction of(PluginConfig config) {
        String value = config.getString("reduction");
        return switch (value) {
            case "mean" -> MEAN;
            case "sum" -> SUM;
            default -> throw new TrainyardException("loss.reduction must be 'mean' or 'sum', got '" + value + "'");
        };
    }
}
