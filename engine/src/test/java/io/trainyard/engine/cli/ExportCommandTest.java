package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreBackend;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreBackend.class)
class ExportCommandTest {

    @Parameter
    StoreBackend backend;


    @TempDir
    Path directory;

    @Test
    void runsAndEpochsAreWrittenWithEveryColumnAndEmptyCellsForMissingValues() throws Exception {
        Cli cli = new Cli(backend.newStore(directory.resolve("store")), directory.resolve("cache"));
        String mlp = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2", "--set",
                "callbacks=[{name: epoch-squared}]"));
        String linear = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1",
                "--set", "model={name: logistic-regression}"));
        Path out = directory.resolve("export");
        Cli.Result export = cli.run("export", "--out", out.toString());
        assertEquals(0, export.exitCode(), export.err());

        List<CSVRecord> runs = read(out.resolve("runs.csv"));
        assertEquals(List.of(mlp, linear), runs.stream().map(record -> record.get("run_id")).toList());
        // A list param is a column per element, each a number.
        assertEquals("16", runs.get(0).get("params.model.hidden.0"));
        assertFalse(runs.get(0).isMapped("params.model.hidden"));
        // logistic-regression has no hidden sizes: an empty cell in its own column, nothing shifted.
        assertEquals("", runs.get(1).get("params.model.hidden.0"));
        assertEquals("logistic-regression", runs.get(1).get("params.model.name"));
        assertEquals("0.1", runs.get(1).get("params.optimizer.lr"));
        assertEquals("FINISHED", runs.get(1).get("status"));
        assertTrue(runs.get(0).get("end").endsWith("Z"), runs.get(0).get("end"));
        assertTrue(Double.parseDouble(runs.get(0).get("final_test_accuracy")) > 0);
        for (CSVRecord record : runs) {
            assertTrue(record.isConsistent(), "every row has every column");
        }

        List<CSVRecord> epochs = read(out.resolve("epochs.csv"));
        assertEquals(3, epochs.size());
        // The metric a callback logged is a column; the run that logged nothing has empty cells.
        assertEquals(List.of("1.0", "4.0", ""), epochs.stream().map(record -> record.get("epoch_squared")).toList());
        assertEquals(List.of(mlp + "/1", mlp + "/2", linear + "/1"),
                epochs.stream().map(record -> record.get("run_id") + "/" + record.get("epoch")).toList());

        List<CSVRecord> steps = read(out.resolve("steps.csv"));
        // blobs: 6 batches an epoch, every other one logged.
        assertEquals(6 + 3, steps.size());
        assertEquals(mlp, steps.get(0).get("run_id"));
        assertEquals("0", steps.get(0).get("step"));
        assertTrue(steps.get(0).get("recorded_at").endsWith("Z"));

        Cli.Result one = cli.run("export", linear, "--out", directory.resolve("one").toString());
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(1, read(directory.resolve("one").resolve("runs.csv")).size());
    }

    private static String runId(Cli.Result result) {
        assertEquals(0, result.exitCode(), result.err());
        return result.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    }

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                        .parse(reader)) {
            return parser.getRecords();
        }
    }
}
