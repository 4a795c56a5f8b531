package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import java.util.List;

/** {@code cosine-annealing-lr}: PyTorch's CosineAnnealingLR: eta_min + (lr0 - eta_min) (1 + cos(pi epoch / t_max)) / 2, logged as lr */
public final class CosineAnnealingLrFactory implements CallbackFactory {

    @Override
    public String name() {
        return "cosine-annealing-lr";
    }

    @Override
    public String description() {
        return "PyTorch's CosineAnnealingLR: eta_min + (lr0 - eta_min) (1 + cos(pi epoch / t_max)) / 2, logged as lr";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.integer("t_max", 10, Range.atLeast(1), "epochs of a half cosine period"),
                HyperParameter.decimal("eta_min", 0.0, Range.atLeast(0), "the lowest learning rate"));
    }

    @Override
    public Callback create(PluginConfig config) {
        int period = config.getInt("t_max");
        double floor = config.getDouble("eta_min");
        return new EpochSchedule() {
            @Override
            double rate(double initial, int epoch) {
                return floor + (initial - floor) * (1 + Math.cos(Math.PI * epoch / period)) / 2;
            }
        };
    }
}
