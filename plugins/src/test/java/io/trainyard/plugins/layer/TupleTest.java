package io.trainyard.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TupleTest {

    @Test
    void readsPartsSeparatedBySpacesOrCommasInParentheses() {
        assertEquals(List.of("3", "5"), Tuple.parts("(3 5)"));
        assertEquals(List.of("3", "5"), Tuple.parts(" ( 3, 5 ) "));
        assertEquals(List.of("same"), Tuple.parts("same"));
        assertEquals(List.of("7"), Tuple.parts("(7)"));
    }

    @Test
    void writesOneValueAsItselfAndSeveralInParentheses() {
        assertEquals("3", Tuple.written(List.of(3L)));
        assertEquals("(3 5)", Tuple.written(List.of(3L, 5L)));
        assertEquals(List.of("3", "5"), Tuple.parts(Tuple.written(List.of(3L, 5L))), "what it writes, it reads");
    }
}
