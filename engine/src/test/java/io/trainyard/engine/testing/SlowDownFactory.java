package io.trainyard.engine.testing;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.RunContext;
import java.util.List;

/** {@code slow-down}: sleeps after every batch, so a test can interrupt a run in the middle. */
public final class SlowDownFactory implements CallbackFactory {

    @Override
    public String name() {
        return "slow-down";
    }

    @Override
    public String description() {
        return "Sleeps after every batch (tests)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.integer("millis", 10, Range.atLeast(0), "sleep per batch"));
    }

    @Override
    public Callback create(PluginConfig config) {
        long millis = config.getLong("millis");
        return new Callback() {
            @Override
            public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
