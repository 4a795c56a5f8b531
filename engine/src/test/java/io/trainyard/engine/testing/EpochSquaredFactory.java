package io.trainyard.engine.testing;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.RunContext;
import java.util.List;

/** Logs the square of the epoch number under a configurable name (tests of logged metrics). */
public final class EpochSquaredFactory implements CallbackFactory {

    @Override
    public String name() {
        return "epoch-squared";
    }

    @Override
    public String description() {
        return "Logs epoch^2 as a metric (tests)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.string("metric", "epoch_squared", "name to log under"));
    }

    @Override
    public Callback create(PluginConfig config) {
        String metric = config.getString("metric");
        return new Callback() {
            @Override
            public void onEpochStart(RunContext run, int epoch) {
                run.logMetric(metric, epoch * epoch);
            }
        };
    }
}
