package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunContext;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * {@code early-stopping}, as Keras' EarlyStopping: after each epoch, the monitored metric improves when it beats the
 * best so far by more than {@code min_delta}; otherwise a counter grows, and when it reaches {@code patience} the
 * run stops, FINISHED, with the reason recorded.
 */
public final class EarlyStoppingFactory implements CallbackFactory {

    @Override
    public String name() {
        return "early-stopping";
    }

    @Override
    public String description() {
        return "Stops the run when a metric has stopped improving (Keras' EarlyStopping)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.string("monitor", "test_loss", "metric to watch: test_loss, test_accuracy,"
                        + " train_loss, train_accuracy or one a callback logs"),
                HyperParameter.string("mode", "auto", "min, max, or auto (max for accuracies, min otherwise)"),
                HyperParameter.integer("patience", 3, Range.atLeast(0), "epochs without improvement before"
                        + " stopping"),
                HyperParameter.decimal("min_delta", 0.0, Range.atLeast(0), "smallest change that counts as an"
                        + " improvement"));
    }

    @Override
    public void validate(PluginConfig config) {
        Monitor.of("callbacks.early-stopping", config.getString("monitor"), config.getString("mode"));
    }

    @Override
    public Callback create(PluginConfig config) {
        Monitor monitor = Monitor.of("callbacks.early-stopping", config.getString("monitor"),
                config.getString("mode"));
        int patience = config.getInt("patience");
        double minDelta = config.getDouble("min_delta");
        return new Callback() {
            private double best = monitor.worst();
            private int bestEpoch;
            private int wait;

            @Override
            public Set<String> watchedMetrics() {
                return Set.of(monitor.metric());
            }

            @Override
            public void onEpochEnd(RunContext run, EpochResult result) {
                double current = monitor.value(result, run);
                boolean improved = monitor.higherIsBetter() ? current - minDelta > best : current + minDelta < best;
                if (improved) {
                    best = current;
                    bestEpoch = result.epoch();
                    wait = 0;
                    return;
                }
                wait++;
                if (wait >= patience) {
                    run.requestStop(String.format(Locale.ROOT, "early stopping: %s did not improve by more than %s"
                            + " for %d epoch(s); best %.6g at epoch %d", monitor.metric(), minDelta, wait, best,
                            bestEpoch));
                }
            }

            @Override
            public void saveState(DataOutput out) throws IOException {
                out.writeDouble(best);
                out.writeInt(bestEpoch);
                out.writeInt(wait);
            }

            @Override
            public void loadState(DataInput in) throws IOException {
                best = in.readDouble();
                bestEpoch = in.readInt();
                wait = in.readInt();
            }
        };
    }
}
