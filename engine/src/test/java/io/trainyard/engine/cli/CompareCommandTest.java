package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code compare} on two learning rates, each run with two seeds. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(StoreBackend.class)
class CompareCommandTest {

    @Parameter
    StoreBackend backend; // JUnit sets it; the runs are made once per backend, by fourRuns

    private Cli cli;
    private Path directory;
    private final List<String> runs = new ArrayList<>();

    @BeforeParameterizedClassInvocation
    void fourRuns(StoreBackend backend, @TempDir Path directory) {
        this.directory = directory;
        runs.clear();
        cli = new Cli(backend.newStore(directory.resolve("store")), directory.resolve("cache"));
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
    void showsTheDifferingParamsTheConfigurationsAndTheirTests() {
        JsonObject compared = json("compare", "--filter", "experiment = 'blobs-mlp'", "--format", "json");
        Set<String> columns = compared.getAsJsonArray("runs").get(0).getAsJsonObject().keySet();
        assertTrue(columns.containsAll(Set.of("run_id", "params.optimizer.lr", "params.seed", "group")),
                columns.toString());
        assertFalse(columns.contains("params.optimizer.momentum"), "a param every run shares is left out: " + columns);
        JsonArray groups = compared.getAsJsonArray("groups");
        assertEquals(2, groups.size(), "configurations: runs that differ only in their seed");
        for (JsonElement group : groups) {
            assertEquals(2, group.getAsJsonObject().get("runs").getAsInt());
        }
        // The params are typed, in an object; the label is what people read.
        JsonObject best = groups.get(0).getAsJsonObject();
        double bestLr = best.getAsJsonObject("params").get("optimizer.lr").getAsDouble();
        assertEquals(Set.of(0.05, 0.01), Set.of(bestLr, groups.get(1).getAsJsonObject().getAsJsonObject("params")
                .get("optimizer.lr").getAsDouble()));
        assertEquals("lr=" + (bestLr == 0.05 ? "0.05" : "0.01"), best.get("config").getAsString());
        assertTrue(best.get("p_value").isJsonNull(), "the best is not tested against itself");
        assertFalse(groups.get(1).getAsJsonObject().get("p_value").isJsonNull(), "the other is");
        assertEquals("holm", compared.getAsJsonObject("method").get("correction").getAsString());
        // The verdict comes first, in every format.
        String verdict = compared.getAsJsonArray("verdict").get(0).getAsString();
        assertTrue(verdict.startsWith("Best: " + best.get("config").getAsString() + ", final test accuracy "), verdict);
        String table = cli.run("compare", "--filter", "experiment = 'blobs-mlp'").out();
        assertTrue(table.startsWith(verdict + "\nHow sure: the difference to lr="), table);

        JsonObject all = json("compare", runs.get(0), runs.get(1), "--all-params", "--format", "json");
        assertTrue(all.getAsJsonArray("runs").get(0).getAsJsonObject().has("params.optimizer.momentum"),
                all.toString());
        assertEquals(1, all.getAsJsonArray("groups").size(), "one configuration");
        assertTrue(all.getAsJsonArray("groups").get(0).getAsJsonObject().get("p_value").isJsonNull(), "no test");
        assertTrue(all.getAsJsonArray("verdict").get(0).getAsString().startsWith("All 2 runs share one"
                + " configuration: final test accuracy "), all.toString());
    }

    private JsonObject json(String... arguments) {
        Cli.Result result = cli.run(arguments);
        assertEquals(0, result.exitCode(), result.err());
        return JsonParser.parseString(result.out()).getAsJsonObject();
    }

    @Test
    void writesMarkdownCsvJsonAndAnHtmlFile() throws Exception {
        String filter = "experiment = 'blobs-mlp'";
        assertTrue(cli.run("compare", "--filter", filter, "--format", "markdown").out()
                .contains("| run\\_id | status | params.optimizer.lr | params.seed | group |"));
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
        assertEquals("final_test_accuracy", compared.getAsJsonObject("method").get("metric").getAsString());
        JsonObject welch = compared.getAsJsonArray("groups").get(1).getAsJsonObject();
        assertEquals(mean1 - mean2, welch.get("difference_test_accuracy").getAsDouble(), 1e-12);
        assertEquals((mean1 - mean2) / Math.sqrt(se2), welch.get("t").getAsDouble(), 1e-9);
        assertEquals(df, welch.get("df").getAsDouble(), 1e-9);
        // With one degree of freedom Student's t is the Cauchy distribution: p = 1 - (2/pi) atan|t|.
        assertEquals(1.0, df, 1e-9, "the runs chosen give df = 1 (one group's seeds agree)");
        double p = 1 - 2 / Math.PI * Math.atan(Math.abs(welch.get("t").getAsDouble()));
        assertEquals(p, welch.get("p_value").getAsDouble(), 1e-9);
        assertEquals(p, welch.get("p_holm").getAsDouble(), 1e-9, "one test: nothing to correct");
        assertEquals(p < 0.05, welch.get("significant").getAsBoolean());
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
