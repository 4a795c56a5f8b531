package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunContext;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * {@code reduce-lr-on-plateau}, as PyTorch's ReduceLROnPlateau stepped with the monitored metric after each epoch:
 * an epoch is bad unless the metric beats the best by the threshold ({@code rel}: a factor of the best,
 * {@code abs}: an amount); after more than {@code patience} bad epochs the rate is multiplied by {@code factor}
 * (not below {@code min_lr}, and only by more than {@code eps}), then {@code cooldown} epochs are ignored. Every
 * epoch's rate is logged as {@code lr}.
 */
public final class ReduceLrOnPlateauFactory implements CallbackFactory {

    @Override
    public String name() {
        return "reduce-lr-on-plateau";
    }

    @Override
    public String description() {
        return "Lowers the learning rate when a metric stops improving (PyTorch's ReduceLROnPlateau), logged as lr";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.string("monitor", "test_loss", "metric to watch, as for early-stopping"),
                HyperParameter.string("mode", "auto", "min, max, or auto (max for accuracies, min otherwise)"),
                HyperParameter.decimal("factor", 0.1, Range.closedOpen(0, 1), "multiplies the rate at each"
                        + " reduction"),
                HyperParameter.integer("patience", 10, Range.atLeast(0), "bad epochs tolerated before reducing"),
                HyperParameter.decimal("threshold", 1e-4, Range.atLeast(0), "how much better counts as better"),
                HyperParameter.string("threshold_mode", "rel", "rel (a factor of the best) or abs (an amount)"),
                HyperParameter.integer("cooldown", 0, Range.atLeast(0), "epochs ignored after a reduction"),
                HyperParameter.decimal("min_lr", 0.0, Range.atLeast(0), "the rate never goes below this"),
                HyperParameter.decimal("eps", 1e-8, Range.atLeast(0), "smaller reductions are skipped"));
    }

    @Override
    public void validate(PluginConfig config) {
        Monitor.of("callbacks.reduce-lr-on-plateau", config.getString("monitor"), config.getString("mode"));
        String thresholdMode = config.getString("threshold_mode");
        if (!thresholdMode.equals("rel") && !thresholdMode.equals("abs")) {
            throw new TrainyardException("callbacks.reduce-lr-on-plateau.threshold_mode must be rel or abs, got '"
                    + thresholdMode + "'");
        }
    }

    @Override
    public Callback create(PluginConfig config) {
        Monitor monitor = Monitor.of("callbacks.reduce-lr-on-plateau", config.getString("monitor"),
                config.getString("mode"));
        boolean relative = config.getString("threshold_mode").equals("rel");
        double threshold = config.getDouble("threshold");
        double factor = config.getDouble("factor");
        int patience = config.getInt("patience");
        int cooldown = config.getInt("cooldown");
        double minRate = config.getDouble("min_lr");
        double eps = config.getDouble("eps");
        return new Callback() {
            private double best = monitor.worst();
            private int badEpochs;
            private int cooldownLeft;

            @Override
            public Set<String> loggedMetrics() {
                return Set.of("lr");
            }

            @Override
            public Set<String> watchedMetrics() {
                return Set.of(monitor.metric());
            }

            @Override
            public void onEpochStart(RunContext run, int epoch) {
                run.logMetric("lr", run.optimizer().learningRate());
            }

            @Override
            public void onEpochEnd(RunContext run, EpochResult result) {
                double current = monitor.value(result, run);
                if (better(current)) {
                    best = current;
                    badEpochs = 0;
                } else {
                    badEpochs++;
                }
                if (cooldownLeft > 0) {
                    cooldownLeft--;
                    badEpochs = 0;
                }
                if (badEpochs > patience) {
                    double old = run.optimizer().learningRate();
                    double reduced = Math.max(old * factor, minRate);
                    if (old - reduced > eps) {
                        run.optimizer().setLearningRate(reduced);
                    }
                    cooldownLeft = cooldown;
                    badEpochs = 0;
                }
            }

            @Override
            public void saveState(DataOutput out) throws IOException {
                out.writeDouble(best);
                out.writeInt(badEpochs);
                out.writeInt(cooldownLeft);
            }

            @Override
            public void loadState(DataInput in) throws IOException {
                best = in.readDouble();
                badEpochs = in.readInt();
                cooldownLeft = in.readInt();
            }

            private boolean better(double current) {
                if (monitor.higherIsBetter()) {
                    return relative ? current > best * (1 + threshold) : current > best + threshold;
                }
                return relative ? current < best * (1 - threshold) : current < best - threshold;
            }
        };
    }
}
