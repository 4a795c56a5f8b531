package io.trainyard.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianRuleTest {

    private final MedianRule accuracy = new MedianRule("test_accuracy", true, 1, 3);

    @Test
    void theMedianOfAnOddCountIsTheMiddleValueOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
        assertEquals(0.7, MedianRule.median(List.of(0.9, 0.7, 0.1)));
        assertEquals(0.5, MedianRule.median(List.of(0.9, 0.6, 0.4, 0.1)));
    }

    @Test
    void aTrialWhoseBestSoFarIsBelowTheMedianOfCompletedTrialsIsPruned() {
        assertEquals("pruned: best test_accuracy 0.600000 by epoch 2 is worse than the median 0.700000 of 3"
                + " completed trials at that epoch", accuracy.verdict(2, 0.6, List.of(0.9, 0.7, 0.1)));
        assertNull(accuracy.verdict(2, 0.7, List.of(0.9, 0.7, 0.1)), "the median itself is not worse");
    }

    @Test
    void forALossLowerIsBetter() {
        MedianRule loss = new MedianRule("test_loss", false, 0, 1);
        assertNull(loss.verdict(1, 0.3, List.of(0.5)));
        assertEquals("pruned: best test_loss 0.600000 by epoch 1 is worse than the median 0.500000 of 1 completed"
                + " trials at that epoch", loss.verdict(1, 0.6, List.of(0.5)));
    }

    @Test
    void nothingIsPrunedDuringTheWarmUpOrBeforeEnoughTrialsCompleted() {
        assertNull(accuracy.verdict(1, 0.1, List.of(0.9, 0.9, 0.9)), "epoch 1 is the warm-up");
        assertNull(accuracy.verdict(2, 0.1, List.of(0.9, 0.9)), "two completed trials of three needed");
        assertNull(accuracy.verdict(2, Double.NaN, List.of(0.9, 0.9, 0.9)), "no value yet");
    }
}
