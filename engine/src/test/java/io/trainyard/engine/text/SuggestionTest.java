package io.trainyard.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionTest {

    @Test
    void levenshteinCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, Suggestion.distance("sgd", "sgd"));
        assertEquals(1, Suggestion.distance("epoch", "epochs"));
        assertEquals(1, Suggestion.distance("momentun", "momentum"));
        assertEquals(3, Suggestion.distance("kitten", "sitting"));
    }

    @Test
    void suggestsOnlyCloseNames() {
        List<String> keys = List.of("lr", "momentum", "dampening", "weight_decay", "nesterov");
        assertEquals(Optional.of("momentum"), Suggestion.closest("Momentun", keys));
        assertEquals(Optional.of("weight_decay"), Suggestion.closest("weight-decay", keys));
        assertEquals(Optional.empty(), Suggestion.closest("batch", keys));
        assertEquals("", Suggestion.hint("batch", keys));
    }
}
