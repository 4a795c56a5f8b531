package io.trainyard.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.engine.config.ExperimentFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordedExperimentTest {

    private static final Map<String, Object> PARAMS = Map.of("seed", 0L, "batch_size", 64L, "epochs", 3L,
            "eval_batch_size", 250L, "log_every", 100L, "threads", 8L, "optimizer.lr", 0.5);

    private static ExperimentFile file(String text) {
        return ExperimentFile.recorded(Path.of("x.yaml"), text);
    }

    @Test
    void aSeedTheFileLeftOutIsAlwaysTakenFromTheRecordEvenOneThatEqualsTheDeclaredDefault() {
        assertEquals(List.of("seed=0", "epochs=3", "eval_batch_size=250"),
                RecordedExperiment.pinned(file("name: x\n"), List.of(), PARAMS));
    }

    @Test
    void settingsTheTextOrTheOverridesGiveAreLeftToThem() {
        assertEquals(List.of(), RecordedExperiment.pinned(file("seed: 0\nepochs: 3\n"),
                List.of("eval_batch_size=250"), PARAMS));
    }

    @Test
    void onlySettingsThatChangeResultsAndDifferFromTodaysDefaultAreTakenFromTheRecord() {
        // batch_size and log_every are their defaults; threads follow the machine; plugin settings are in the text.
        assertEquals(List.of("epochs=3", "eval_batch_size=250"),
                RecordedExperiment.pinned(file("seed: 1\n"), List.of(), PARAMS));
    }
}
