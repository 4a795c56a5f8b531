package io.trainyard.plugins.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NllLossTest {

    private static final double[][] LOG_PROBABILITIES = {{-0.5, -1.2, -2.0}, {-0.1, -3.0, -2.5}};
    private static final double[] TARGETS = {1, 2};

    @Test
    void meanOfNegatedTargetLogProbabilities() {
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        double loss = new NllLoss(Reduction.MEAN, ClassWeights.uniform()).compute(
                Nd4j.createFromArray(LOG_PROBABILITIES), Nd4j.createFromArray(TARGETS), gradient);
        assertEquals((1.2 + 2.5) / 2, loss, 1e-12);
        assertArrayEquals(new double[] {0, -0.5, 0, 0, 0, -0.5}, gradient.data().asDouble(), 1e-12);
    }

    @Test
    void weightedMeanDividesByTheTargetWeights() {
        // w = (1, 4, 2): (4 * 1.2 + 2 * 2.5) / (4 + 2) = 9.8 / 6
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        double loss = new NllLoss(Reduction.MEAN, ClassWeights.of(1, 4, 2)).compute(
                Nd4j.createFromArray(LOG_PROBABILITIES), Nd4j.createFromArray(TARGETS), gradient);
        assertEquals(9.8 / 6, loss, 1e-12);
        assertArrayEquals(new double[] {0, -4.0 / 6, 0, 0, 0, -2.0 / 6}, gradient.data().asDouble(), 1e-12);
    }

    @Test
    void sumAddsTheWeightedTerms() {
        double loss = new NllLoss(Reduction.SUM, ClassWeights.of(1, 4, 2)).compute(
                Nd4j.createFromArray(LOG_PROBABILITIES), Nd4j.createFromArray(TARGETS),
                Nd4j.zeros(DataType.DOUBLE, 2, 3));
        assertEquals(9.8, loss, 1e-12);
    }
}
