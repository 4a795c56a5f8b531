package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import java.util.List;

/** {@code step-lr}: PyTorch's StepLR: lr0 * gamma^floor(epoch / step_size), logged as lr */
public final class StepLrFactory implements CallbackFactory {

    @Override
    public String name() {
        return "step-lr";
    }

    @Override
    public String description() {
        return "PyTorch's StepLR: lr0 * gamma^floor(epoch / step_size), logged as lr";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.integer("step_size", 10, Range.atLeast(1), "epochs between decays"),
                HyperParameter.decimal("gamma", 0.1, Range.greaterThan(0), "factor of each decay"));
    }

    @Override
    public Callback create(PluginConfig config) {
        int stepSize = config.getInt("step_size");
        double gamma = config.getDouble("gamma");
        return new EpochSchedule() {
            @Override
            double rate(double initial, int epoch) {
                return initial * Math.pow(gamma, epoch / stepSize);
            }
        };
    }
}
