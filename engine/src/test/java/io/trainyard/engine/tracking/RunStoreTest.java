package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.testing.StoreConnections;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store on a real H2 file and on a real PostgreSQL server. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class RunStoreTest {

    @Parameter
    StoreBackend backend;

    @TempDir
    Path directory;

    private StoreBackend.Store opened;

    private Database database;
    private RunStore store;
    private RunQueries queries;

    @BeforeEach
    void open() {
        opened = backend.newStore(directory);
        database = new Database(opened.location());
        store = new RunStore(database);
        queries = new RunQueries(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void paramsKeepTheirTypes() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("optimizer.lr", 0.001);
        params.put("epochs", 5L);
        params.put("optimizer.nesterov", false);
        params.put("optimizer.name", "sgd");
        params.put("model.hidden", List.of(512L, 512L));
        params.put("optimizer.betas", List.of(0.9, 0.999));
        params.put("model.layers", List.of("linear(8)", "relu", "a, b"));
        params.put("dataset.path", null);
        store.create(newRun("run-1", "exp", params));
        Map<String, Object> read = queries.find("run-1").params();
        assertEquals(0.001, read.get("optimizer.lr"));
        assertEquals(5L, read.get("epochs"));
        assertEquals(false, read.get("optimizer.nesterov"));
        assertEquals("sgd", read.get("optimizer.name"));
        assertEquals(List.of(512L, 512L), read.get("model.hidden"));
        assertEquals(List.of(0.9, 0.999), read.get("optimizer.betas"));
        assertEquals(List.of("linear(8)", "relu", "a, b"), read.get("model.layers"));
        assertTrue(read.containsKey("dataset.path"));
        assertNull(read.get("dataset.path"));
    }

    @Test
    void epochsStepsAndFinalStatusAreReadBack() {
        store.create(newRun("run-1", "exp", Map.of()));
        store.recordEpoch("run-1", new EpochResult(1, 0.9, 0.6, 0.8, 0.7, 2.5),
                List.of(new StepMetric(0, 1, 0, 2.3, Instant.now())));
        store.recordEpoch("run-1", new EpochResult(2, 0.5, 0.8, 0.6, Double.NaN, 2.4), List.of());
        store.finish("run-1", RunStatus.FINISHED, null, "converged");
        RunDetails details = queries.find("run-1");
        assertEquals(2, details.epochs().size());
        assertEquals(0.8, details.epochs().get(0).testLoss());
        assertTrue(Double.isNaN(details.epochs().get(1).testAccuracy()));
        assertEquals(1, details.stepCount());
        assertEquals("FINISHED", details.summary().status());
        assertEquals("converged", details.summary().stopReason());
        assertEquals(0.6, details.summary().finalTestLoss());
        assertEquals(Map.of("git.commit", "abc123", "seed", "42"), details.provenance());
    }

    @Test
    void theListedEpochCountFollowsEpochsRecordedAndRemovedOnReopening() {
        store.create(newRun("run-1", "exp", Map.of()));
        for (int epoch = 1; epoch <= 3; epoch++) {
            store.recordEpoch("run-1", new EpochResult(epoch, 0.9, 0.6, 0.8, 0.7, 2.5), List.of());
        }
        assertEquals(3, queries.list().get(0).epochs());
        store.reopen("run-1", 1, 0, Heartbeat.DEFAULT, Instant.now());
        assertEquals(1, queries.list().get(0).epochs());
        assertEquals(1, queries.find("run-1").summary().epochs());
    }

    @Test
    void metricSummariesKeepFirstLastAndTheEarliestEpochOfTheMinimumAndMaximumPerRun() throws Exception {
        store.create(newRun("run-1", "exp", Map.of()));
        store.create(newRun("run-2", "exp", Map.of()));
        double[] accuracies = {0.7, 0.9, 0.6, 0.9, 0.6};
        double[] rates = {0.1, Double.NaN, 0.05, 0.1, 0.2};
        for (int epoch = 1; epoch <= 5; epoch++) {
            Map<String, Double> logged = new LinkedHashMap<>();
            logged.put("lr", rates[epoch - 1]);
            store.recordEpoch("run-1", new EpochResult(epoch, 1.0 / epoch, 0.5, 0.8, accuracies[epoch - 1], 2.5),
                    List.of(), logged);
        }
        store.recordEpoch("run-2", new EpochResult(1, 0.3, 0.5, 0.8, 0.95, 2.5), List.of());
        Map<String, MetricSummary> expected = Map.of(
                "test_accuracy", new MetricSummary(0.7, 1, 0.6, 5, 0.6, 3, 0.9, 2),
                "lr", new MetricSummary(0.1, 1, 0.2, 5, 0.05, 3, 0.2, 5),
                "train_loss", new MetricSummary(1.0, 1, 0.2, 5, 0.2, 5, 1.0, 1));
        Map<String, MetricSummary> summaries = queries.find("run-1").metrics();
        assertEquals(expected, Map.of("test_accuracy", summaries.get("test_accuracy"), "lr", summaries.get("lr"),
                "train_loss", summaries.get("train_loss")));
        assertEquals(new MetricSummary(0.95, 1, 0.95, 1, 0.95, 1, 0.95, 1),
                queries.find("run-2").metrics().get("test_accuracy"));
        store.create(newRun("run-3", "exp", Map.of()));
        store.recordEpoch("run-3", new EpochResult(1, 0.3, Double.NaN, 0.8, Double.NaN, 2.5), List.of());
        assertEquals(Set.of("train_loss", "test_loss", "epoch_seconds"),
                queries.find("run-3").metrics().keySet(), "a metric without a value (a regression's accuracy) has none");

        try (Connection connection = database.connect()) {
            MetricSummaries.refreshAll(connection);
        }
        assertEquals(summaries, queries.find("run-1").metrics(), "every run at once, the same");
        assertEquals(0.95, queries.find("run-2").metrics().get("test_accuracy").last());

        store.reopen("run-1", 2, 0, Heartbeat.DEFAULT, Instant.now());
        assertEquals(new MetricSummary(0.7, 1, 0.9, 2, 0.7, 1, 0.9, 2),
                queries.find("run-1").metrics().get("test_accuracy"), "the epochs kept, alone");
    }

    @Test
    void anArtifactIsCopiedWithItsShaAndItsBytesStayInAStoreByUrl() throws Exception {
        store.create(newRun("run-1", "exp", Map.of()));
        Artifacts artifacts = new Artifacts(store, opened.location());
        Path file = directory.resolve("confusion.txt");
        Files.writeString(file, "a b\n3 1\n");
        Artifact logged = artifacts.log("run-1", file, "eval/confusion.txt");
        Files.writeString(file, "changed after it was logged");

        Artifact read = queries.artifacts("run-1").get(0);
        assertEquals("eval/confusion.txt", read.name());
        assertEquals(8, read.sizeBytes());
        assertEquals("8f15a7ace889dc7ecc6c8c3563523174a82303bde4a2af45e657aab510434758", read.sha256(), "sha256sum's");
        assertEquals(logged.sha256(), read.sha256());
        assertEquals("a b\n3 1\n", Files.readString(Path.of(read.path())), "the copy, not the file as it is now");
        assertEquals(backend == StoreBackend.POSTGRESQL, queries.artifactData("run-1", read.name()).isPresent(),
                "a store by URL keeps the bytes for other machines; the embedded one keeps its folder");
        queries.artifactData("run-1", read.name()).ifPresent(data -> assertEquals("a b\n3 1\n",
                new String(data, StandardCharsets.UTF_8)));

        artifacts.log("run-1", file, "eval/confusion.txt");
        assertEquals(1, queries.artifacts("run-1").size(), "logging a name again replaces its file");
        assertEquals(Sha256.of(Files.readAllBytes(file)), queries.artifacts("run-1").get(0).sha256());
        try (var left = Files.list(Path.of(read.path()).getParent())) {
            assertEquals(List.of("confusion.txt"), left.map(path -> path.getFileName().toString()).toList(),
                    "no partial copy left behind");
        }
    }

    @Test
    void anArtifactNameThatCouldLeaveTheRunsFolderIsRefusedInOneLine() {
        for (String name : new String[] {"../secret", "/etc/passwd", "a/../../b", ".hidden", "a//b", "", "x.partial",
            "tab\tname"}) {
            TrainyardException refused = assertThrows(TrainyardException.class, () -> Artifacts.checkName(name));
            assertTrue(refused.getMessage().startsWith("cannot use '"), refused.getMessage());
            assertTrue(!refused.getMessage().contains("\n"), refused.getMessage());
        }
        Artifacts.checkName("plots/loss-curve_v2.png");
        TrainyardException missing = assertThrows(TrainyardException.class, () -> new Artifacts(store,
                opened.location()).log("run-1", directory.resolve("nowhere.bin"), "nowhere.bin"));
        assertEquals("cannot log " + directory.resolve("nowhere.bin") + " as an artifact: it is not a file; give the"
                + " path of a file", missing.getMessage());
    }

    @Test
    void aComparisonReadTakesParamsAndSummariesButNotProvenanceOrEpochs() {
        store.create(newRun("run-1", "exp", Map.of("optimizer.lr", 0.1)));
        store.recordEpoch("run-1", new EpochResult(1, 0.9, 0.6, 0.8, 0.7, 2.5),
                List.of(new StepMetric(0, 1, 0, 2.3, Instant.now())));
        RunDetails compared = queries.details(queries.list(), Reading.SUMMARIES).get(0);
        assertEquals(0.1, compared.params().get("optimizer.lr"));
        assertEquals(0.7, compared.metrics().get("test_accuracy").last());
        assertEquals(List.of(), compared.epochs());
        assertEquals(Map.of(), compared.provenance());
        RunDetails exported = queries.detailsById(List.of("run-1", "no-such-run"), Reading.EPOCHS).get(0);
        assertEquals(1, exported.epochs().size());
        assertEquals(0, exported.stepCount());
        assertEquals(1, queries.detailsById(List.of("run-1"), Reading.EVERYTHING).get(0).stepCount());
    }

    @Test
    void finishingTwiceKeepsTheFirstStatus() {
        store.create(newRun("run-1", "exp", Map.of()));
        store.finish("run-1", RunStatus.FAILED, "boom", null);
        store.finish("run-1", RunStatus.KILLED, null, null);
        assertEquals("FAILED", queries.find("run-1").summary().status());
        assertEquals("boom", queries.find("run-1").summary().errorMessage());
    }

    @Test
    void runsOfOneExperimentShareItAndListNewestFirst() {
        store.create(newRun("20260101-000000-aaaaaa", "exp", Map.of()));
        store.create(newRun("20260102-000000-bbbbbb", "exp", Map.of()));
        List<RunSummary> runs = queries.list();
        assertEquals(List.of("20260102-000000-bbbbbb", "20260101-000000-aaaaaa"),
                runs.stream().map(RunSummary::id).toList());
    }

    @Test
    void aRunIsFoundByAUniquePrefix() {
        store.create(newRun("20260101-000000-aaaaaa", "exp", Map.of()));
        store.create(newRun("20260102-000000-bbbbbb", "exp", Map.of()));
        assertEquals("20260102-000000-bbbbbb", queries.find("20260102").summary().id());
        TrainyardException ambiguous = assertThrows(TrainyardException.class, () -> queries.find("2026"));
        assertEquals("run id prefix '2026' matches 2 runs; give more of the id", ambiguous.getMessage());
        TrainyardException missing = assertThrows(TrainyardException.class, () -> queries.find("2025%"));
        assertEquals("no run '2025%' in the store; 'trainyard runs' lists the runs", missing.getMessage());
    }

    @Test
    void aFailedWriteRollsBackAndLeavesEarlierRowsIntact() {
        store.create(newRun("run-1", "exp", Map.of()));
        store.recordEpoch("run-1", new EpochResult(1, 0.9, 0.6, 0.8, 0.7, 2.5), List.of());
        // The same epoch again violates the primary key: the whole second write must roll back.
        assertThrows(StoreException.class, () -> store.recordEpoch("run-1",
                new EpochResult(1, 0.1, 0.1, 0.1, 0.1, 1), List.of(new StepMetric(5, 1, 5, 1.0, Instant.now()))));
        RunDetails details = queries.find("run-1");
        assertEquals(1, details.epochs().size());
        assertEquals(0.8, details.epochs().get(0).testLoss());
        assertEquals(0, details.stepCount());
    }

    @Test
    void aRunWhoseHeartbeatStoppedIsRecordedCrashedAndALaterBeatRevivesIt() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        store.create(newRun("run-1", "exp", Map.of()));
        store.create(newRun("run-2", "exp", Map.of()));
        store.finish("run-2", RunStatus.FINISHED, null, null);
        // Three missed beats of ten seconds: alive at 29 s, dead at 31 s; an ended run is never touched.
        assertEquals(0, store.recordCrashes(start.plusSeconds(29)));
        assertEquals("RUNNING", queries.find("run-1").summary().status());
        assertEquals(1, store.recordCrashes(start.plusSeconds(31)));
        RunSummary crashed = queries.find("run-1").summary();
        assertEquals("CRASHED", crashed.status());
        assertEquals(start, crashed.end());
        assertEquals("the training process stopped without recording an end (killed, out of memory or power loss):"
                + " no heartbeat since 2026-01-01T00:00:00Z", crashed.errorMessage());
        assertEquals("FINISHED", queries.find("run-2").summary().status());

        // A process that was only suspended beats again: the run is RUNNING and can still end normally.
        store.heartbeat("run-1", start.plusSeconds(40));
        assertEquals(0, store.recordCrashes(start.plusSeconds(69)));
        store.finish("run-1", RunStatus.FINISHED, null, null);
        assertEquals("FINISHED", queries.find("run-1").summary().status());
    }

    @Test
    void aStoreMadeByTheFirstSchemaIsUpgradedWithItsRuns() throws Exception {
        assumeTrue(backend == StoreBackend.H2, "PostgreSQL stores begin at today's schema");
        database.close();
        Path old = directory.resolve("old");
        StoreLocation location = new StoreLocation(old);
        Flyway.configure().dataSource(location.jdbcUrl(), "sa", "").locations("classpath:db/migration").target("1")
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO experiments (name, created_at) VALUES ('exp', CURRENT_TIMESTAMP)");
            statement.execute("INSERT INTO runs (id, experiment_id, name, status, start_time, seed) SELECT 'old-run',"
                    + " id, 'exp', 'RUNNING', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z', 1 FROM experiments");
            statement.execute("INSERT INTO epoch_metrics VALUES ('old-run', 1, 0.9, 0.6, 0.8, 0.7, 2.5,"
                    + " CURRENT_TIMESTAMP), ('old-run', 2, 0.5, 0.8, 0.6, 0.75, 2.4, CURRENT_TIMESTAMP)");
            for (int step = 0; step < 1500; step++) {
                statement.execute("INSERT INTO step_metrics VALUES ('old-run', " + step + ", " + (1 + step / 1000)
                        + ", " + step % 1000 + ", " + (step == 7 ? "NULL" : 1.0 / (step + 1))
                        + ", TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:01Z')");
            }
        }
        database = new Database(location);
        store = new RunStore(database);
        assertEquals(1, store.recordCrashes(Instant.parse("2026-01-02T00:00:00Z")));
        // It had no password; it now has its own secret, and the empty password no longer opens it.
        assertEquals(64, StoreConnections.secret(old).length());
        database.close();
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(location.jdbcUrl(), "sa", "").close());
        assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refused.getErrorCode());
        database = new Database(location);
        store = new RunStore(database);
        RunQueries upgraded = new RunQueries(database);
        assertEquals("CRASHED", upgraded.find("old-run").summary().status());
        // V4 summarised the old epochs; V5 packed the old step rows into chunks without losing one.
        assertEquals(0.75, upgraded.find("old-run").metrics().get("test_accuracy").max());
        assertEquals(2, upgraded.find("old-run").metrics().get("test_accuracy").maxEpoch());
        // V10 counted its epochs.
        assertEquals(2, upgraded.find("old-run").summary().epochs());
        List<StepMetric> steps = upgraded.steps("old-run");
        assertEquals(1500, steps.size());
        assertEquals(1500, upgraded.find("old-run").stepCount());
        assertEquals(new StepMetric(1499, 2, 499, 1.0 / 1500, Instant.parse("2026-01-01T00:00:01Z")), steps.get(1499));
        assertTrue(Double.isNaN(steps.get(7).trainLoss()));
    }

    @Test
    void reopeningAStoreKeepsItsRuns() {
        store.create(newRun("run-1", "exp", Map.of("seed", 1L)));
        database.close();
        database = new Database(opened.location());
        assertEquals(1, new RunQueries(database).list().size());
    }

    private static NewRun newRun(String id, String experiment, Map<String, Object> params) {
        return new NewRun(id, experiment, experiment, Instant.parse(id.startsWith("2026")
                ? id.substring(0, 4) + "-" + id.substring(4, 6) + "-" + id.substring(6, 8) + "T00:00:00Z"
                : "2026-01-01T00:00:00Z"), 42, "abc", "e.yaml", "name: e", params, Heartbeat.DEFAULT,
                Map.of("git.commit", "abc123", "seed", "42"), Lineage.NONE);
    }
}
