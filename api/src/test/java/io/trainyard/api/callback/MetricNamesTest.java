package io.trainyard.api.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void accuraciesAucsAndF1ScoresAreBetterHigherAndEverythingElseLower() {
        for (String higher : List.of("test_accuracy", "train_accuracy", "test_top5_accuracy",
                "test_accuracy_class_3", "val_auc", "f1", "test_f1")) {
            assertTrue(MetricNames.higherIsBetter(higher), higher);
        }
        for (String lower : List.of("test_loss", "train_loss", "epoch_seconds", "lr", "error_rate", "weight_norm")) {
            assertFalse(MetricNames.higherIsBetter(lower), lower);
        }
    }

    @Test
    void callbacksLogSnakeCaseNamesOtherThanTheEnginesOwn() {
        assertEquals("learning_rate", MetricNames.check("learning_rate"));
        assertThrows(IllegalArgumentException.class, () -> MetricNames.check("Test-Loss"));
        IllegalArgumentException builtIn = assertThrows(IllegalArgumentException.class,
                () -> MetricNames.check("test_accuracy"));
        assertEquals("metric 'test_accuracy' is recorded by the engine; log under another name", builtIn.getMessage());
    }
}
