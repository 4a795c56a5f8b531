package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} on two learning rates, each run with two seeds. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareCommandTest {

    private Cli cli;
    private Path directory;
    private final List<String> runs = new ArrayList<>();

    @BeforeAll
    void fourRuns(@TempDir Path directory) {
        this.directory = directory;
        cli = new Cli(directory.resolve("store"), directory.resolve("cache"));
        for (String lr : List.of("0.1", "0.01")) {
            for (String seed : List.of("1", "2")) {
                Cli.Result result = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2",
                        "--set", "seed=" + seed, "--set", "optimizer.lr=" + lr);
                assertEquals(0, result.exitCode(), result.err());
                runs.add(result.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow()
                        .split(" ")[1]);
            }
        }
    }

    @Test
    void showsTheDifferingParamsTheRepeatsAndWelchsTest() {
        Cli.Result compare = cli.run("compare", "--filter", "experiment = 'blobs-mlp'");
        assertEquals(0, compare.exitCode(), compare.err());
        String out = compare.out();
        assertTrue(out.contains("OPTIMIZER.LR") && out.contains("SEED") && !out.contains("OPTIMIZER.MOMENTUM"), out);
        assertTrue(out.contains("Repeats (runs that differ only in their seed)"), out);
        assertTrue(out.lines().anyMatch(line -> line.matches("1\\s+2\\s+optimizer.lr=0.1\\s+.*")), out);
        assertTrue(out.contains("Welch's t-test on the final test accuracy, group 1 vs group 2: difference "), out);
        Cli.Result all = cli.run("compare", runs.get(0), runs.get(1), "--all-params");
        assertTrue(all.out().contains("OPTIMIZER.MOMENTUM"), all.out());
        assertTrue(!all.out().contains("Welch"), "one group: no test");
    }

    @Test
    void writesMarkdownCsvJsonAndAnHtmlFile() throws Exception {
        String filter = "experiment = 'blobs-mlp'";
        assertTrue(cli.run("compare", "--filter", filter, "--format", "markdown").out()
                .contains("| run | status | optimizer.lr | seed | group |"));
        String csv = cli.run("compare", "--filter", filter, "--format", "csv").out();
        assertEquals(5, csv.lines().count(), csv);
        String json = cli.run("compare", "--filter", filter, "--format", "json").out();
        assertTrue(json.startsWith("{\"runs\": [") && json.contains("\"welch_test\": {\"metric\":"), json);
        Path report = directory.resolve("report.html");
        Cli.Result html = cli.run("compare", "--filter", filter, "--format", "html", "--out", report.toString());
        assertEquals("Wrote " + report + " (4 runs)\n", html.out());
        assertTrue(Files.readString(report).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void withoutRunsItSaysHowToChooseThem() {
        Cli.Result none = cli.run("compare");
        assertEquals(2, none.exitCode());
        assertEquals("error: name the runs, or select them with --filter\n", none.err());
        assertEquals(2, cli.run("compare", "--filter", "seed > 99").exitCode());
    }
}
