package com.example.trainyard;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunContext;
import java.util.List;

/** {@code stop-at-accuracy}: ends the run after the first epoch whose test accuracy reaches the target. */
public final class StopAtAccuracyFactory implements CallbackFactory {

    @Override
    public String name() {
        return "stop-at-accuracy";
    }

    @Override
    public String description() {
        return "Stops the run once the test accuracy reaches a target";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.decimal("target", 0.9, Range.closed(0, 1), "test accuracy to stop at"));
    }

    @Override
    public Callback create(PluginConfig config) {
        double target = config.getDouble("target");
        return new Callback() {
            @Override
            public void onEpochEnd(RunContext run, EpochResult result) {
                if (result.testAccuracy() >= target) {
                    run.console().printf("stop-at-accuracy: %.4f >= %.4f after epoch %d%n", result.testAccuracy(),
                            target, result.epoch());
                    run.requestStop("test accuracy reached " + target);
                }
            }
        };
    }
}
