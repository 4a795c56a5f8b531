package io.trainyard.engine.testing;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.RunContext;
import java.util.List;

/** {@code fail-at}: throws from {@code onBatchEnd} at a given epoch and batch, to test failure handling. */
public final class FailAtFactory implements CallbackFactory {

    @Override
    public String name() {
        return "fail-at";
    }

    @Override
    public String description() {
        return "Throws at a given epoch and batch (tests)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.integer("epoch", 1, Range.atLeast(1), "epoch to fail in"),
                HyperParameter.integer("batch", 0, Range.atLeast(0), "batch to fail at"));
    }

    @Override
    public Callback create(PluginConfig config) {
        int epoch = config.getInt("epoch");
        int batch = config.getInt("batch");
        return new Callback() {
            @Override
            public void onBatchEnd(RunContext run, int currentEpoch, int currentBatch, double loss) {
                if (currentEpoch == epoch && currentBatch == batch) {
                    throw new IllegalStateException("boom at epoch " + epoch + " batch " + batch);
                }
            }
        };
    }
}
