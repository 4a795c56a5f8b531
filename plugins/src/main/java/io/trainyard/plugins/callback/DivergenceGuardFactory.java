package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.RunContext;
import java.util.List;

/**
 * {@code divergence-guard}: ends the run FAILED, with stop reason {@code diverged}, at the batch whose training loss
 * is NaN or infinite (or above {@code max_loss}), instead of training on garbage. On by default.
 */
public final class DivergenceGuardFactory implements CallbackFactory {

    @Override
    public String name() {
        return "divergence-guard";
    }

    @Override
    public String description() {
        return "Fails the run as 'diverged' at the first batch whose loss is NaN, infinite or above max_loss";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(new HyperParameter("max_loss", HyperParameter.Type.DECIMAL, null, Range.greaterThan(0),
                "also stop when the batch loss exceeds this (default: only NaN or infinite)"));
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    public Callback create(PluginConfig config) {
        double maxLoss = config.has("max_loss") ? config.getDouble("max_loss") : Double.POSITIVE_INFINITY;
        return new Callback() {
            @Override
            public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
                if (!Double.isFinite(loss) || loss > maxLoss) {
                    run.requestStop("diverged");
                    throw new TrainyardException("diverged: the training loss is " + loss + " at epoch " + epoch
                            + ", batch " + batch + (Double.isFinite(loss) ? " (max_loss " + maxLoss + ")" : "")
                            + "; lower the learning rate or check the data");
                }
            }
        };
    }
}
