package io.trainyard.plugins.loss;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;

/**
 * PyTorch's {@code ignore_index} of the classification losses: a sample whose target is this value adds nothing to
 * the loss, to the gradient or to the mean's denominator. The default, -100, is no class, so nothing is ignored.
 */
record IgnoreIndex(long value) {

    static final String KEY = "ignore_index";
    static final HyperParameter PARAMETER = HyperParameter.integer(KEY, -100, Range.any(),
            "target value whose samples are left out of the loss (default -100: none)");
    static final IgnoreIndex NONE = new IgnoreIndex(-100);

    static IgnoreIndex of(PluginConfig config) {
        return new IgnoreIndex(config.getLong(KEY));
    }

    boolean ignores(double target) {
        return target == value;
    }
}
