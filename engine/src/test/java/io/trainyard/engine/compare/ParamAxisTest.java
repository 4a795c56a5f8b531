package io.trainyard.engine.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a param's values sit along a chart's axis: linear, log or categories, values checked by hand. */
class ParamAxisTest {

    @Test
    void numbersSpanningLessThanAHundredfoldSitOnALinearScale() {
        ParamAxis axis = ParamAxis.of("optimizer.momentum", List.of(0.0, 0.9, 0.45, 0.9));
        assertFalse(axis.log());
        assertNull(axis.categories());
        assertEquals(0, axis.position(0.0), 1e-12);
        assertEquals(0.5, axis.position(0.45), 1e-12);
        assertEquals(1, axis.position(0.9), 1e-12);
        assertEquals(List.of(0.0, 0.45, 0.9), axis.ticks(), "few distinct values: each is marked");
    }

    @Test
    void positiveNumbersSpanningAHundredfoldOrMoreSitOnALogScale() {
        ParamAxis axis = ParamAxis.of("optimizer.lr", List.of(1e-4, 1e-2, 1e-3));
        assertTrue(axis.log());
        assertEquals(0, axis.position(1e-4), 1e-12);
        assertEquals(0.5, axis.position(1e-3), 1e-12, "a decade is halfway between two decades apart");
        assertEquals(1, axis.position(1e-2), 1e-12);
        assertFalse(ParamAxis.of("lr", List.of(1e-3, 9e-2)).log(), "90x is not enough");
        assertFalse(ParamAxis.of("x", List.of(0.0, 100.0)).log(), "zero has no logarithm");
    }

    @Test
    void manyDistinctNumbersMarkOnlyTheExtremes() {
        ParamAxis axis = ParamAxis.of("batch_size", Arrays.asList(16L, 24L, 32L, 40L, 48L, 56L, 64L, 72L, 80L));
        assertEquals(List.of(16.0, 80.0), axis.ticks());
        assertEquals(0.5, axis.position(48L), 1e-12);
    }

    @Test
    void anythingElseIsEvenlySpacedCategoriesInTextOrder() {
        ParamAxis axis = ParamAxis.of("optimizer.name", Arrays.asList("sgd", "adam", "rmsprop", "adam"));
        assertEquals(List.of("adam", "rmsprop", "sgd"), axis.categories());
        assertEquals(0, axis.position("adam"), 1e-12);
        assertEquals(0.5, axis.position("rmsprop"), 1e-12);
        assertEquals(1, axis.position("sgd"), 1e-12);
        ParamAxis mixed = ParamAxis.of("model.hidden", Arrays.asList(List.of(512L), 0.5, null));
        assertEquals(List.of("-", "0.5", "[512]"), mixed.categories(), "lists, numbers and a missing value");
        assertEquals(0.5, ParamAxis.of("one", List.of("only")).position("only"), 1e-12, "one value sits midway");
        assertEquals(0.5, ParamAxis.of("one", List.of(3.0, 3.0)).position(3.0), 1e-12);
    }
}
