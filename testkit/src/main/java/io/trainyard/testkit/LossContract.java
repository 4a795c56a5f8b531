package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.loss.LossFactory;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The loss contract; see {@link PluginContract#checkLoss}. */
final class LossContract {

    private LossContract() {
    }

    static void check(LossFactory factory, INDArray predictions, INDArray targets) {
        PluginContract.checkPlugin(factory);
        if (predictions.dataType() != DataType.DOUBLE) {
            fail("pass double-precision predictions: finite differences need them");
        }
        String name = factory.name();
        Loss loss = factory.create(PluginConfig.withDefaults(factory, Map.of()));
        INDArray gradient = predictions.ulike();
        double value = loss.compute(predictions, targets, gradient);
        assertTrue(Double.isFinite(value), name + " is " + value);
        assertArrayEquals(predictions.shape(), gradient.shape(), name + ": the gradient must have the predictions'"
                + " shape");
        INDArray scratch = predictions.ulike();
        GradientCheck.assertGradient(name + " gradient", predictions, gradient.dup(),
                () -> loss.compute(predictions, targets, scratch));
        INDArray extreme = predictions.dup();
        for (long i = 0; i < extreme.length(); i++) {
            extreme.putScalar(i, i % 2 == 0 ? 1e4 : -1e4);
        }
        double large = loss.compute(extreme, targets, gradient);
        assertTrue(Double.isFinite(large), name + " is " + large + " for predictions of +-1e4");
        for (long i = 0; i < gradient.length(); i++) {
            assertTrue(Double.isFinite(gradient.getDouble(i)), name + " gradient is not finite for predictions of"
                    + " +-1e4");
        }
        long growth = NativeMemory.growthDuring(() -> {
            for (int i = 0; i < 5; i++) {
                loss.compute(predictions, targets, gradient);
            }
        });
        assertTrue(growth <= 0, name + ": compute() allocated " + growth + " bytes of native memory after warming up");
    }
}
