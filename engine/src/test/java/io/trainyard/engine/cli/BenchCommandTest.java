package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}: the training loop's timing, and a whole recorded run's wall time by phase. */
class BenchCommandTest {

    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(directory.resolve("store"), directory.resolve("cache"));
    }

    @Test
    void aWholeRunIsRecordedAndItsPhasesAddUpToItsWallTime() {
        Cli.Result result = cli.run("bench", "--whole-run", Experiments.blobsFile().toString(), "--set", "epochs=2",
                "--format", "json");
        assertEquals(0, result.exitCode(), result.err());
        // The run prints its progress first; the table is the JSON array after it.
        JsonArray rows = JsonParser.parseString(result.out().substring(result.out().lastIndexOf("\n[") + 1))
                .getAsJsonArray();
        List<String> names = new ArrayList<>();
        double phases = 0;
        double training = 0;
        for (JsonElement element : rows) {
            JsonObject row = element.getAsJsonObject();
            String name = row.get("phase").getAsString();
            double seconds = row.get("seconds").getAsDouble();
            assertTrue(seconds >= 0, row.toString());
            names.add(name);
            if (!name.equals("outside training") && !name.equals("total")) {
                phases += seconds;
                training += name.contains(": training") ? seconds : 0;
            }
        }
        assertEquals(List.of("start-up: JVM until the command", "command set-up (the store opens meanwhile)",
                "plugins and experiment file", "callbacks and data", "waiting for ND4J's native start",
                "model, loss and optimizer", "provenance", "waiting for the store to open", "run record", "run start",
                "epoch 1: training, first batch", "epoch 1: training, other batches", "epoch 1: evaluation",
                "epoch 1: records and checkpoint", "epoch 2: training", "epoch 2: evaluation",
                "last records and checkpoint, run end", "store close", "outside training", "total"), names);
        JsonObject total = rows.get(rows.size() - 1).getAsJsonObject();
        // Each figure is rounded to the millisecond.
        assertEquals(phases, total.get("seconds").getAsDouble(), 0.001 * names.size());
        assertEquals(1.0, total.get("share").getAsDouble());
        assertEquals(phases - training, rows.get(rows.size() - 2).getAsJsonObject().get("seconds").getAsDouble(),
                0.001 * names.size());

        JsonArray runs = JsonParser.parseString(cli.run("runs", "--format", "json").out()).getAsJsonArray();
        assertEquals(1, runs.size());
        assertEquals("FINISHED", runs.get(0).getAsJsonObject().get("status").getAsString());
        assertEquals(2, runs.get(0).getAsJsonObject().get("epochs").getAsInt());
    }

    @Test
    void theLoopBenchmarkTimesEveryFileGivenAndRecordsNothing() {
        String file = Experiments.blobsFile().toString();
        Cli.Result result = cli.run("bench", file, file, "--set", "epochs=1");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(2, result.out().lines().filter(line -> line.startsWith("Best epoch: ")).count(), result.out());
        // Each epoch's line ends with the process's resident memory in MB (this is Linux).
        List<String> epochLines = result.out().lines().filter(line -> line.matches("\\s+1\\s+.*")).toList();
        assertEquals(2, epochLines.size(), result.out());
        for (String line : epochLines) {
            String[] cells = line.trim().split("\\s+");
            assertTrue(Integer.parseInt(cells[cells.length - 1]) > 0, line);
        }
        assertEquals("[]", cli.run("runs", "--format", "json").out().strip());
    }

    @Test
    void aWholeRunTakesOneFile() {
        String file = Experiments.blobsFile().toString();
        Cli.Result result = cli.run("bench", "--whole-run", file, file);
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertEquals("error: --whole-run times one experiment (start-up happens once per process); give one file",
                result.err().strip());
    }
}
