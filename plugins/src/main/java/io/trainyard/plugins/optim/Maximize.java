package io.trainyard.plugins.optim;

import io.trainyard.api.HyperParameter;

/** PyTorch's {@code maximize} option, which every built-in optimizer takes: the gradient is negated first. */
final class Maximize {

    static final String KEY = "maximize";
    static final HyperParameter PARAMETER = HyperParameter.bool(KEY, false,
            "maximise the objective: negate the gradient before the update");

    private Maximize() {
    }
}
