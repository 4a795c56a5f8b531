package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import java.util.List;

/** {@code multi-step-lr}: PyTorch's MultiStepLR: lr0 * gamma^(milestones reached), logged as lr */
public final class MultiStepLrFactory implements CallbackFactory {

    @Override
    public String name() {
        return "multi-step-lr";
    }

    @Override
    public String description() {
        return "PyTorch's MultiStepLR: lr0 * gamma^(milestones reached), logged as lr";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.integerList("milestones", List.of(30L, 80L), Range.atLeast(1), "0-based epochs at which"
                        + " the rate decays"),
                HyperParameter.decimal("gamma", 0.1, Range.greaterThan(0), "factor of each decay"));
    }

    @Override
    public Callback create(PluginConfig config) {
        List<Long> milestones = config.getLongList("milestones");
        double gamma = config.getDouble("gamma");
        return new EpochSchedule() {
            @Override
            double rate(double initial, int epoch) {
                return initial * Math.pow(gamma, milestones.stream().filter(milestone -> milestone <= epoch).count());
            }
        };
    }
}
