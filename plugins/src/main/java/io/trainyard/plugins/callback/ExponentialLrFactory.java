package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import java.util.List;

/** {@code exponential-lr}: PyTorch's ExponentialLR: lr0 * gamma^epoch, logged as lr */
public final class ExponentialLrFactory implements CallbackFactory {

    @Override
    public String name() {
        return "exponential-lr";
    }

    @Override
    public String description() {
        return "PyTorch's ExponentialLR: lr0 * gamma^epoch, logged as lr";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.decimal("gamma", 0.9, Range.greaterThan(0), "factor per epoch"));
    }

    @Override
    public Callback create(PluginConfig config) {
        double gamma = config.getDouble("gamma");
        return new EpochSchedule() {
            @Override
            double rate(double initial, int epoch) {
                return initial * Math.pow(gamma, epoch);
            }
        };
    }
}
