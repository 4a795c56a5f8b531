package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.model.Parameters;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code grad-clip}, as PyTorch's {@code clip_grad_norm_}: before each optimizer step, the norm of all gradients
 * together is computed and, when it exceeds {@code max_norm}, every gradient is multiplied by
 * {@code max_norm / (norm + 1e-6)}. One pass to measure and one to scale, over views made once: nothing is
 * allocated per batch.
 */
public final class GradClipFactory implements CallbackFactory {

    @Override
    public String name() {
        return "grad-clip";
    }

    @Override
    public String description() {
        return "Clips the norm of all gradients before each optimizer step (PyTorch's clip_grad_norm_)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.decimal("max_norm", 1.0, Range.greaterThan(0), "largest allowed gradient norm"),
                HyperParameter.decimal("norm_type", 2.0, Range.atLeast(1), "p of the p-norm: 2 (Euclidean),"
                        + " 1, or a large value such as 1e9 for the maximum norm"));
    }

    @Override
    public Callback create(PluginConfig config) {
        double maxNorm = config.getDouble("max_norm");
        double p = config.getDouble("norm_type");
        return new Callback() {
            private FloatBuffer floats;
            private DoubleBuffer doubles;

            @Override
            public void onBeforeOptimizerStep(RunContext run, Parameters parameters) {
                if (floats == null && doubles == null) {
                    if (parameters.dataType() == DataType.FLOAT) {
                        floats = parameters.gradients().data().asNioFloat();
                    } else if (parameters.dataType() == DataType.DOUBLE) {
                        doubles = parameters.gradients().data().asNioDouble();
                    } else {
                        throw new TrainyardException("grad-clip works on float or double parameters, not "
                                + parameters.dataType());
                    }
                }
                int count = Math.toIntExact(parameters.count());
                double norm = norm(count);
                double scale = maxNorm / (norm + 1e-6);
                if (scale < 1) {
                    for (int i = 0; i < count; i++) {
                        if (floats != null) {
                            floats.put(i, (float) (floats.get(i) * scale));
                        } else {
                            doubles.put(i, doubles.get(i) * scale);
                        }
                    }
                }
            }

            private double norm(int count) {
                boolean maximum = Double.isInfinite(p) || p >= 1e6;
                double total = 0;
                for (int i = 0; i < count; i++) {
                    double value = Math.abs(floats != null ? floats.get(i) : doubles.get(i));
                    total = maximum ? Math.max(total, value) : p == 2 ? total + value * value
                            : total + Math.pow(value, p);
                }
                return maximum ? total : p == 2 ? Math.sqrt(total) : Math.pow(total, 1 / p);
            }
        };
    }
}
