package io.trainyard.plugins.loss;

import io.trainyard.testkit.GradientCheck;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CrossEntropyLossTest {

    // Row 1: logits (1, 2, 3), target 2.  logsumexp = 3.40760596444, loss = 3.40760596444 - 3 = 0.40760596444,
    //        softmax = (0.09003057317, 0.24472847105, 0.66524095578).
    // Row 2: logits (0.5, -1, 2), target 0. logsumexp = 2.24131129666, loss = 1.74131129666,
    //        softmax = (0.17529039214, 0.03911257327, 0.78559703459).
    private static final double[][] LOGITS = {{1, 2, 3}, {0.5, -1, 2}};
    private static final double[] TARGETS = {2, 0};

    @Test
    void singleSampleMatchesHandComputedValueAndGradient() {
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 1, 3);
        double loss = new CrossEntropyLoss(true).compute(Nd4j.createFromArray(new double[][] {{1, 2, 3}}),
                Nd4j.createFromArray(new double[] {2}), gradient);
        assertEquals(0.40760596444438, loss, 1e-12);
        assertArrayEquals(new double[] {0.09003057317038, 0.24472847105480, 0.66524095577482 - 1},
                gradient.data().asDouble(), 1e-12);
    }

    @Test
    void meanReductionAveragesLossAndScalesGradientByBatchSize() {
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        double loss = new CrossEntropyLoss(true).compute(Nd4j.createFromArray(LOGITS),
                Nd4j.createFromArray(TARGETS), gradient);
        assertEquals((0.40760596444438 + 1.74131129665716) / 2, loss, 1e-12);
        assertArrayEquals(new double[] {
            0.09003057317038 / 2, 0.24472847105480 / 2, (0.66524095577482 - 1) / 2,
            (0.17529039214004 - 1) / 2, 0.03911257327069 / 2, 0.78559703458928 / 2},
                gradient.data().asDouble(), 1e-12);
    }

    @Test
    void sumReductionAddsLossesAndKeepsGradientUnscaled() {
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        double loss = new CrossEntropyLoss(false).compute(Nd4j.createFromArray(LOGITS),
                Nd4j.createFromArray(TARGETS), gradient);
        assertEquals(0.40760596444438 + 1.74131129665716, loss, 1e-12);
        assertEquals(0.03911257327069, gradient.getDouble(1, 1), 1e-12);
    }

    @Test
    void classWeightsWeighEachSampleAndNormaliseByTheirSum() {
        // w[y] = 3 for row 1 (target 2), 1 for row 2 (target 0): (3 * 0.40760596 + 1 * 1.74131130) / 4
        double loss = new CrossEntropyLoss(Reduction.MEAN, ClassWeights.of(1, 2, 3), 0).compute(
                Nd4j.createFromArray(LOGITS), Nd4j.createFromArray(TARGETS), Nd4j.zeros(DataType.DOUBLE, 2, 3));
        assertEquals(0.74103229750, loss, 1e-10);
    }

    @Test
    void labelSmoothingMixesInTheUniformTarget() {
        // -log p, row 1: (2.40760596, 1.40760596, 0.40760596); row 2: (1.74131130, 3.24131130, 0.24131130).
        // loss_1 = 0.9 * 0.40760596 + 0.1 / 3 * 4.22281789 = 0.50760597
        // loss_2 = 0.9 * 1.74131130 + 0.1 / 3 * 5.22393389 = 1.74131130;  mean 1.12445863
        double loss = new CrossEntropyLoss(Reduction.MEAN, ClassWeights.uniform(), 0.1).compute(
                Nd4j.createFromArray(LOGITS), Nd4j.createFromArray(TARGETS), Nd4j.zeros(DataType.DOUBLE, 2, 3));
        assertEquals(1.12445863055, loss, 1e-10);
    }

    @Test
    void weightsAndSmoothingTogetherFollowPyTorch() {
        // loss_1 = 0.8 * 3 * 0.40760596 + 0.2 / 3 * (1 * 2.40760596 + 2 * 1.40760596 + 3 * 0.40760596) = 1.40796336
        // loss_2 = 0.8 * 1 * 1.74131130 + 0.2 / 3 * (1 * 1.74131130 + 2 * 3.24131130 + 3 * 0.24131130) = 1.98957356
        // mean over the target weights 3 + 1:
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.MEAN, ClassWeights.of(1, 2, 3), 0.2);
        INDArray logits = Nd4j.createFromArray(LOGITS);
        INDArray targets = Nd4j.createFromArray(TARGETS);
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        assertEquals(0.84938423077, loss.compute(logits, targets, gradient), 1e-10);
        INDArray scratch = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        GradientCheck.assertGradient("weighted smoothed cross-entropy", logits, gradient.dup(),
                () -> loss.compute(logits, targets, scratch));
    }

    @Test
    void wrongNumberOfClassWeightsIsAClearError() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> new CrossEntropyLoss(Reduction.MEAN, ClassWeights.of(1, 2), 0).compute(
                        Nd4j.createFromArray(LOGITS), Nd4j.createFromArray(TARGETS),
                        Nd4j.zeros(DataType.DOUBLE, 2, 3)));
        assertEquals("loss.weight has 2 entries but the model has 3 outputs; give one weight per class",
                error.getMessage());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray logits = Nd4j.createFromArray(LOGITS);
        INDArray targets = Nd4j.createFromArray(TARGETS);
        CrossEntropyLoss loss = new CrossEntropyLoss(true);
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        loss.compute(logits, targets, gradient);
        INDArray scratch = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        GradientCheck.assertGradient("cross-entropy", logits, gradient.dup(),
                () -> loss.compute(logits, targets, scratch));
    }

    @Test
    void extremeLogitsGiveFiniteLossAndGradient() {
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, 2, 3);
        double loss = new CrossEntropyLoss(true).compute(
                Nd4j.createFromArray(new float[][] {{1e4f, -1e4f, 0}, {-1e4f, 1e4f, 1e4f}}),
                Nd4j.createFromArray(new float[] {1, 0}), gradient);
        // Row 1: logsumexp = 1e4, target logit -1e4: loss 2e4. Row 2: two logits tie at the max, so
        // logsumexp = 1e4 + ln 2 and the loss is 2e4 + ln 2. The mean of the two:
        assertEquals(2e4 + Math.log(2) / 2, loss, 1e-3);
        for (double value : gradient.data().asDouble()) {
            assertTrue(Double.isFinite(value));
        }
    }

    @Test
    void targetOutsideTheClassesIsAClearError() {
        TrainyardException error = assertThrows(TrainyardException.class, () -> new CrossEntropyLoss(true)
                .compute(Nd4j.createFromArray(LOGITS), Nd4j.createFromArray(new double[] {0, 3}),
                        Nd4j.zeros(DataType.DOUBLE, 2, 3)));
        assertEquals("cross-entropy got target 3.0 but the model has 3 outputs: targets must be class indices 0..2",
                error.getMessage());
    }

    @Test
    void oneLossServesBatchesOfEverySizeInTurnAsFreshOnesWould() {
        CrossEntropyLoss reused = new CrossEntropyLoss(true);
        double[][][] batches = {LOGITS, {{0.5, -1, 2}}, {{3, 1, 0}, {1, 1, 1}, {-2, 0, 2}}, LOGITS};
        double[][] targets = {TARGETS, {1}, {0, 2, 1}, TARGETS};
        for (int b = 0; b < batches.length; b++) {
            INDArray logits = Nd4j.createFromArray(batches[b]).castTo(DataType.FLOAT);
            INDArray labels = Nd4j.createFromArray(targets[b]).castTo(DataType.FLOAT);
            INDArray gradient = Nd4j.zeros(DataType.FLOAT, batches[b].length, 3);
            INDArray expected = Nd4j.zeros(DataType.FLOAT, batches[b].length, 3);
            assertEquals(new CrossEntropyLoss(true).compute(logits, labels, expected),
                    reused.compute(logits, labels, gradient), 0.0, "batch " + b);
            assertArrayEquals(expected.data().asFloat(), gradient.data().asFloat(), "batch " + b);
        }
    }

    @Test
    void batchAfterBatchOnTheSameArraysAllocatesNothing() {
        CrossEntropyLoss loss = new CrossEntropyLoss(true);
        INDArray logits = Nd4j.rand(DataType.FLOAT, 64, 10);
        INDArray labels = Nd4j.createFromArray(new float[64]).reshape(64, 1);
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, 64, 10);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // Past the JIT compiler's warm-up, in which the interpreter allocates what compiled code does not.
        for (int i = 0; i < 3000; i++) {
            loss.compute(logits, labels, gradient);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            loss.compute(logits, labels, gradient);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // The smallest array a batch could make (its 64 targets as doubles) is 528 bytes.
        assertTrue(allocated < 64 * 1000, allocated + " bytes allocated in 1 000 batches");
    }
}
