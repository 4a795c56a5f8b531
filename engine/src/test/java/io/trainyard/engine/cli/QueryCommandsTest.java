package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.ShownRun;
import io.trainyard.engine.testing.StoreBackend;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code runs} with filters and formats, {@code tag} and {@code note}, on two real runs, on each database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(StoreBackend.class)
class QueryCommandsTest {

    @Parameter
    StoreBackend backend; // JUnit sets it; the runs are made once per backend, by twoRuns

    private Cli cli;
    private String sgd;
    private String adam;

    @BeforeParameterizedClassInvocation
    void twoRuns(StoreBackend backend, @TempDir Path directory) {
        cli = new Cli(backend.newStore(directory.resolve("store")), directory.resolve("cache"));
        sgd = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2", "--set",
                "callbacks=[{name: epoch-squared}]"));
        adam = runId(cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1", "--set",
                "optimizer={name: adam, lr: 0.01}"));
    }

    private static String runId(Cli.Result result) {
        assertEquals(0, result.exitCode(), result.err());
        return result.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    }

    @Test
    void runsFiltersAndOrders() {
        assertEquals(List.of(adam), ids("--filter", "params.optimizer.name = 'adam'"));
        assertEquals(List.of(sgd), ids("--order", "params.epochs desc", "--limit", "1"));
        assertEquals(List.of(adam, sgd), ids("--filter", "id in ('" + adam + "', '" + sgd + "')", "--order",
                "params.epochs asc"));
        assertEquals("No run passes the filter.\n", cli.run("runs", "--filter", "seed > 1e9").out());
    }

    @Test
    void runsAsCsvAndJsonKeepEveryColumn() throws Exception {
        Cli.Result csv = cli.run("runs", "--format", "csv", "--order", "start");
        assertEquals(0, csv.exitCode(), csv.err());
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv.out())).getRecords();
        assertEquals(List.of(sgd, adam), records.stream().map(record -> record.get("run_id")).toList());
        assertEquals("2", records.get(0).get("epochs"));
        assertTrue(records.get(0).get("start").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                records.get(0).get("start"));
        assertEquals("", records.get(0).get("stop_reason"));
        JsonArray json = JsonParser.parseString(cli.run("runs", "--format", "json", "--filter", "id = '" + adam
                + "'").out()).getAsJsonArray();
        assertEquals(1, json.size());
        JsonObject run = json.get(0).getAsJsonObject();
        assertEquals(adam, run.get("run_id").getAsString());
        assertEquals("blobs-mlp", run.get("experiment").getAsString());
        assertEquals("FINISHED", run.get("status").getAsString());
        assertTrue(run.get("stop_reason").isJsonNull());
    }

    @Test
    void tagsAndNotesAreSetShownAndFiltered() {
        assertEquals(0, cli.run("tag", sgd, "baseline=yes", "owner=ana").exitCode());
        assertEquals(0, cli.run("note", sgd, "first try; lr too small?").exitCode());
        JsonObject shown = ShownRun.of(cli, sgd);
        assertEquals(Map.of("baseline", "yes", "owner", "ana"), Map.of(
                "baseline", shown.getAsJsonObject("tags").get("baseline").getAsString(),
                "owner", shown.getAsJsonObject("tags").get("owner").getAsString()));
        assertEquals(2, shown.getAsJsonObject("tags").size());
        assertEquals("first try; lr too small?", shown.get("note").getAsString());
        assertTrue(cli.run("show", sgd).out().contains("Tags        baseline=yes, owner=ana"), "and for people");
        assertEquals(List.of(sgd), ids("--filter", "tags.baseline = 'yes'"));
        assertEquals(0, cli.run("tag", sgd, "--remove", "baseline").exitCode());
        assertTrue(cli.run("runs", "--filter", "tags.baseline = 'yes'").out().startsWith("No run passes"));
        assertEquals(List.of(sgd), ids("--filter", "note ~ 'too small'"));
    }

    @Test
    void metricsLoggedByCallbacksAreSummarisedFilterableAndShown() {
        assertEquals(List.of(sgd), ids("--filter",
                "metrics.epoch_squared = 4 and metrics.epoch_squared.first = 1"));
        String show = cli.run("show", sgd).out();
        assertTrue(show.contains("epoch_squared        last 4 (epoch 2), min 1 (epoch 1), max 4 (epoch 2)"), show);
        Cli.Result badName = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1", "--set",
                "callbacks=[{name: epoch-squared, metric: Test-Loss}]");
        assertEquals(1, badName.exitCode());
        assertTrue(badName.err().contains("metric name 'Test-Loss' must be lower-case snake_case"), badName.err());
    }

    @Test
    void badFiltersAndTagsGiveOneClearError() {
        Cli.Result bad = cli.run("runs", "--filter", "metrics.test_accuracy >= ");
        assertEquals(2, bad.exitCode());
        assertEquals("error: filter: expected a value (a number, 'text', true or false), found the end of the filter"
                + " at column 26\n  metrics.test_accuracy >= \n                           ^\n", bad.err());
        assertEquals(2, cli.run("runs", "--format", "xml").exitCode());
        assertEquals(2, cli.run("runs", "--order", "seed sideways").exitCode());
        Cli.Result tag = cli.run("tag", sgd, "no equals sign");
        assertEquals(2, tag.exitCode());
        assertTrue(tag.err().startsWith("error: cannot read tag 'no equals sign'"), tag.err());
    }

    /** The ids {@code runs} lists, read from its JSON. */
    private List<String> ids(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("runs", "--format", "json"));
        command.addAll(List.of(arguments));
        Cli.Result result = cli.run(command.toArray(new String[0]));
        assertEquals(0, result.exitCode(), result.err());
        List<String> ids = new java.util.ArrayList<>();
        JsonParser.parseString(result.out()).getAsJsonArray()
                .forEach(run -> ids.add(run.getAsJsonObject().get("run_id").getAsString()));
        return ids;
    }
}
