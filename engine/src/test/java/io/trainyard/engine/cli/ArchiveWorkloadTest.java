package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.trainyard.engine.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveWorkloadTest {

    @Test
    void trainsEachExperimentOnGeneratedDataInsideItsScratchDirectory(@TempDir Path scratch) throws Exception {
        List<String> experiments = List.of("../experiments/fashion-mnist-sgd.yaml",
                "../experiments/fashion-mnist-cnn.yaml");
        assertEquals(0, ArchiveWorkload.run(scratch, experiments, Map.of()));

        Cli.Result listed = new Cli(scratch.resolve("store"), scratch.resolve("cache")).run("runs", "--format",
                "json");
        JsonArray runs = JsonParser.parseString(listed.out()).getAsJsonArray();
        assertEquals(List.of("FINISHED", "FINISHED"), runs.asList().stream()
                .map(run -> run.getAsJsonObject().get("status").getAsString()).toList());
        assertEquals(List.of("fashion-mnist-cnn", "fashion-mnist-sgd"), runs.asList().stream()
                .map(JsonElement::getAsJsonObject).map(run -> run.get("experiment").getAsString()).sorted().toList());
        assertTrue(Files.isDirectory(scratch.resolve("cache/datasets/fashion-mnist/decompressed")),
                "the data's copies go to the scratch cache, not the user's");

        assertEquals(0, ArchiveWorkload.read(scratch.resolve("store"), Map.of()), "shows and compares those runs");
    }

    @Test
    void readingAStoreWithoutRunsCountsEveryCommandAsFailed(@TempDir Path scratch) {
        assertEquals(4, ArchiveWorkload.read(scratch.resolve("store"), Map.of()));
    }

    @Test
    void aFailingExperimentIsCounted(@TempDir Path scratch) throws Exception {
        Path broken = Files.writeString(scratch.resolve("broken.yaml"), "name: broken\n");
        assertEquals(1, ArchiveWorkload.run(scratch, List.of(broken.toString()), Map.of()));
    }
}
