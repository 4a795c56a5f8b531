package io.trainyard.plugins.loss;

import io.trainyard.testkit.GradientCheck;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Predictions (1, 2, 3) against targets (1.5, 2, 1): differences d = (-0.5, 0, 2). */
class ElementwiseLossesTest {

    private static final double[] PREDICTIONS = {1, 2, 3};
    private static final double[] TARGETS = {1.5, 2, 1};

    @Test
    void mseIsTheMeanSquaredDifference() {
        // (0.25 + 0 + 4) / 3; gradient 2 d / 3
        assertLoss(ElementwiseLosses.mse(Reduction.MEAN), 4.25 / 3, -1.0 / 3, 0, 4.0 / 3);
        assertLoss(ElementwiseLosses.mse(Reduction.SUM), 4.25, -1, 0, 4);
    }

    @Test
    void l1IsTheMeanAbsoluteDifferenceWithZeroGradientAtZero() {
        assertLoss(ElementwiseLosses.l1(Reduction.MEAN), 2.5 / 3, -1.0 / 3, 0, 1.0 / 3);
    }

    @Test
    void smoothL1IsQuadraticBelowBeta() {
        // beta 1: 0.5 * 0.25 / 1, 0, 2 - 0.5 -> (0.125 + 1.5) / 3; gradient (d / beta or sign d) / 3
        assertLoss(ElementwiseLosses.smoothL1(Reduction.MEAN, 1), 1.625 / 3, -0.5 / 3, 0, 1.0 / 3);
        // beta 4: everything quadratic: (0.5 * 0.25 / 4 + 0.5 * 4 / 4) / 3
        assertLoss(ElementwiseLosses.smoothL1(Reduction.MEAN, 4), (0.03125 + 0.5) / 3, -0.125 / 3, 0, 0.5 / 3);
        // beta 0 is L1
        assertLoss(ElementwiseLosses.smoothL1(Reduction.MEAN, 0), 2.5 / 3, -1.0 / 3, 0, 1.0 / 3);
    }

    @Test
    void huberIsLinearWithSlopeDeltaAboveDelta() {
        // delta 0.4: 0.4 * (0.5 - 0.2) = 0.12, 0, 0.4 * (2 - 0.2) = 0.72 -> 0.84 / 3; gradient +-0.4 / 3
        assertLoss(ElementwiseLosses.huber(Reduction.MEAN, 0.4), 0.84 / 3, -0.4 / 3, 0, 0.4 / 3);
    }

    @Test
    void binaryCrossEntropyWithLogitsMatchesHandValues() {
        // x = (0.5, -1, 3), t = (1, 0, 0.3): max(x, 0) - x t + log(1 + exp(-|x|))
        //   = 0.47407698, 0.31326169, 2.1 + 0.04858735 = 2.14858735
        // gradient (sigmoid(x) - t) / 3 = (0.62245933 - 1, 0.26894142, 0.95257413 - 0.3) / 3
        Loss loss = ElementwiseLosses.binaryCrossEntropyWithLogits(Reduction.MEAN, List.of(1.0));
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 3);
        double value = loss.compute(Nd4j.createFromArray(0.5, -1, 3), Nd4j.createFromArray(1, 0, 0.3), gradient);
        assertEquals((0.47407698418 + 0.31326168752 + 2.14858735157) / 3, value, 1e-10);
        assertArrayEquals(new double[] {(0.62245933120 - 1) / 3, 0.26894142137 / 3, (0.95257412682 - 0.3) / 3},
                gradient.data().asDouble(), 1e-10);
    }

    @Test
    void positiveWeightScalesThePositiveTerm() {
        // t = 1, pos_weight 2: 2 * log(1 + exp(-0.5)) = 0.94815397; t = 0 is unchanged: 0.31326169
        double value = ElementwiseLosses.binaryCrossEntropyWithLogits(Reduction.SUM, List.of(2.0)).compute(
                Nd4j.createFromArray(0.5, -1), Nd4j.createFromArray(1, 0.0), Nd4j.zeros(DataType.DOUBLE, 2));
        assertEquals(0.94815396836 + 0.31326168752, value, 1e-10);
    }

    @Test
    void binaryCrossEntropyStaysFiniteForExtremeLogits() {
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, 4);
        double value = ElementwiseLosses.binaryCrossEntropyWithLogits(Reduction.SUM, List.of(1.0)).compute(
                Nd4j.createFromArray(1e4f, -1e4f, 1e4f, -1e4f), Nd4j.createFromArray(1f, 0f, 0f, 1f), gradient);
        assertEquals(2e4, value, 1e-3); // the two confident mistakes cost |x| each
        for (double g : gradient.data().asDouble()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void everyGradientMatchesFiniteDifferences() {
        for (Loss loss : List.of(ElementwiseLosses.mse(Reduction.MEAN), ElementwiseLosses.l1(Reduction.SUM),
                ElementwiseLosses.smoothL1(Reduction.MEAN, 0.7), ElementwiseLosses.huber(Reduction.MEAN, 1.3),
                ElementwiseLosses.binaryCrossEntropyWithLogits(Reduction.MEAN, List.of(2.5)))) {
            // Away from the kinks at d = 0 and |d| = beta or delta, where the derivative jumps.
            INDArray predictions = Nd4j.createFromArray(new double[][] {{0.3, -1.7}, {2.2, 0.9}});
            INDArray targets = Nd4j.createFromArray(new double[][] {{1, 0}, {0.25, 0.0}});
            INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 2, 2);
            loss.compute(predictions, targets, gradient);
            INDArray scratch = Nd4j.zeros(DataType.DOUBLE, 2, 2);
            GradientCheck.assertGradient(loss.toString(), predictions, gradient.dup(),
                    () -> loss.compute(predictions, targets, scratch));
        }
    }

    @Test
    void classIndicesInsteadOfTargetsShapedLikeThePredictionsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseLosses.mse(Reduction.MEAN).compute(Nd4j.zeros(DataType.DOUBLE, 4, 10),
                        Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.zeros(DataType.DOUBLE, 4, 10)));
        assertEquals("mse needs targets shaped like the predictions [4, 10], got [4]; for class indices use"
                + " cross-entropy", error.getMessage());
    }

    private static void assertLoss(Loss loss, double expected, double... expectedGradient) {
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 3);
        double value = loss.compute(Nd4j.createFromArray(PREDICTIONS), Nd4j.createFromArray(TARGETS), gradient);
        assertEquals(expected, value, 1e-12);
        assertArrayEquals(expectedGradient, gradient.data().asDouble(), 1e-12);
    }
}
