package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
        for (String lr : List.of("0.05", "0.01")) {
            for (String seed : List.of("1", "2")) {
                Cli.Result result = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1",
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
        assertTrue(out.lines().anyMatch(line -> line.matches("1\\s+2\\s+optimizer.lr=0.05\\s+.*")), out);
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
        assertWelchTestIsComputedFromTheRuns(JsonParser.parseString(json).getAsJsonObject());
        Path report = directory.resolve("report.html");
        Cli.Result html = cli.run("compare", "--filter", filter, "--format", "html", "--out", report.toString());
        assertEquals("Wrote " + report + " (4 runs)\n", html.out());
        assertTrue(Files.readString(report).startsWith("<!DOCTYPE html>"));
    }

    /** The JSON's Welch numbers against the formulas, computed here from the runs it lists. */
    private static void assertWelchTestIsComputedFromTheRuns(JsonObject compared) {
        assertEquals(4, compared.getAsJsonArray("runs").size());
        double[][] groups = new double[2][2];
        int[] filled = new int[2];
        for (JsonElement element : compared.getAsJsonArray("runs")) {
            JsonObject run = element.getAsJsonObject();
            int group = run.get("group").getAsInt() - 1;
            groups[group][filled[group]++] = run.get("final_test_accuracy").getAsDouble();
        }
        double mean1 = (groups[0][0] + groups[0][1]) / 2;
        double mean2 = (groups[1][0] + groups[1][1]) / 2;
        double var1 = Math.pow(groups[0][0] - mean1, 2) + Math.pow(groups[0][1] - mean1, 2); // n - 1 = 1
        double var2 = Math.pow(groups[1][0] - mean2, 2) + Math.pow(groups[1][1] - mean2, 2);
        double se2 = var1 / 2 + var2 / 2;
        double df = se2 * se2 / (Math.pow(var1 / 2, 2) + Math.pow(var2 / 2, 2)); // each divided by n - 1 = 1
        JsonObject welch = compared.getAsJsonObject("welch_test");
        assertEquals("final_test_accuracy", welch.get("metric").getAsString());
        assertEquals(mean1 - mean2, welch.get("difference").getAsDouble(), 1e-12);
        assertEquals((mean1 - mean2) / Math.sqrt(se2), welch.get("t").getAsDouble(), 1e-9);
        assertEquals(df, welch.get("df").getAsDouble(), 1e-9);
        // With one degree of freedom Student's t is the Cauchy distribution: p = 1 - (2/pi) atan|t|.
        assertEquals(1.0, df, 1e-9, "the runs chosen give df = 1 (one group's seeds agree)");
        double p = 1 - 2 / Math.PI * Math.atan(Math.abs(welch.get("t").getAsDouble()));
        assertEquals(p, welch.get("p").getAsDouble(), 1e-9);
        assertEquals(p < 0.05, welch.get("significant_at_0.05").getAsBoolean());
        assertEquals(mean1, compared.getAsJsonArray("groups").get(0).getAsJsonObject().get("mean_final_test_accuracy")
                .getAsDouble(), 1e-12);
    }

    @Test
    void withoutRunsItSaysHowToChooseThem() {
        Cli.Result none = cli.run("compare");
        assertEquals(2, none.exitCode());
        assertEquals("error: name the runs, or select them with --filter\n", none.err());
        assertEquals(2, cli.run("compare", "--filter", "seed > 99").exitCode());
    }
}
