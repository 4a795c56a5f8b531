package io.trainyard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RangeTest {

    @Test
    void exclusiveLowerBoundRejectsTheBoundItself() {
        Range positive = Range.greaterThan(0);
        assertFalse(positive.contains(0));
        assertFalse(positive.contains(-1e-12));
        assertTrue(positive.contains(1e-12));
        assertEquals("(0, inf)", positive.toString());
    }

    @Test
    void closedOpenIntervalIncludesOnlyItsLowerEnd() {
        Range beta = Range.closedOpen(0, 1);
        assertTrue(beta.contains(0));
        assertTrue(beta.contains(0.999));
        assertFalse(beta.contains(1));
        assertEquals("[0, 1)", beta.toString());
    }

    @Test
    void nanAndInfinitiesAreNeverInRange() {
        assertFalse(Range.any().contains(Double.NaN));
        assertFalse(Range.any().contains(Double.NEGATIVE_INFINITY));
        assertFalse(Range.greaterThan(0).contains(Double.POSITIVE_INFINITY));
        assertTrue(Range.any().contains(-Double.MAX_VALUE));
    }
}
