package io.trainyard.engine.bench;

import io.trainyard.engine.compare.Comparison;
import io.trainyard.engine.query.FilterParser;
import io.trainyard.engine.query.RunOrder;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.MetricSummaries;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.NewRun;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.RunSummary;
import io.trainyard.engine.tracking.StepMetric;
import io.trainyard.engine.tracking.StoreLocation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Times the store on a scratch database: ingesting per-step metrics through the recorder's own write path, then
 * filtering, ordering and comparing many runs of many epochs. The figures the tracking issue sets: one million
 * points a second ingested; filter and compare over 10 000 runs of 100 epochs within a second.
 */
public final class StoreBenchmark {

    public static final String FILTER = "params.optimizer.name = 'sgd' and metrics.test_accuracy >= 0.85";

    private final PrintStream out;

    public StoreBenchmark(PrintStream out) {
        this.out = out;
    }

    public void run(int runs, int epochs, int steps) throws IOException, SQLException {
        Path directory = Files.createTempDirectory("trainyard-store-bench");
        try (Database database = new Database(new StoreLocation(directory))) {
            RunStore store = new RunStore(database);
            ingest(store, steps);
            out.printf(Locale.ROOT, "filling %,d runs x %d epochs...%n", runs, epochs);
            fill(database, store, runs, epochs);
            RunQueries queries = new RunQueries(database);
            for (int round = 1; round <= 4; round++) {
                // The last round compares every run: the worst case.
                String filter = round < 4 ? FILTER : "seed >= 0";
                long start = System.nanoTime();
                List<RunSummary> matching = queries.list(Optional.of(FilterParser.parse(filter)),
                        RunOrder.parse("metrics.test_accuracy desc"), 0);
                long filtered = System.nanoTime();
                List<RunDetails> details = queries.details(matching.stream().map(RunSummary::id).toList(), false);
                Comparison comparison = Comparison.of(details, false);
                comparison.runsTable();
                comparison.groupsTable();
                long compared = System.nanoTime();
                out.printf(Locale.ROOT, "round %d: filter + order %,d of %,d runs %.3f s; compare them (params,"
                        + " metric summaries, groups) %.3f s; total %.3f s%n", round, matching.size(), runs + 1,
                        (filtered - start) / 1e9, (compared - filtered) / 1e9, (compared - start) / 1e9);
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Step rows in the recorder's chunks of 1000, each chunk one transaction, as a long run would write them. */
    private void ingest(RunStore store, int steps) {
        store.create(run("ingest", 0, Map.of()));
        Instant now = Instant.now();
        List<List<StepMetric>> chunks = new ArrayList<>();
        for (int start = 0; start < steps; start += 1000) {
            List<StepMetric> chunk = new ArrayList<>();
            for (int step = start; step < Math.min(steps, start + 1000); step++) {
                chunk.add(new StepMetric(step, step / 1000, step % 1000, 1.0 / (step + 1), now));
            }
            chunks.add(chunk);
        }
        long begin = System.nanoTime();
        chunks.forEach(chunk -> store.recordSteps("ingest", chunk));
        double seconds = (System.nanoTime() - begin) / 1e9;
        out.printf(Locale.ROOT, "ingest: %,d step metrics in %.3f s = %,.0f points/s%n", steps, seconds,
                steps / seconds);
    }

    /** Runs with eight params each through the store; their epochs in bulk, summaries refreshed once per run. */
    private void fill(Database database, RunStore store, int runs, int epochs) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        String[] optimizers = {"sgd", "adam", "adamw", "rmsprop"};
        for (int i = 0; i < runs; i++) {
            store.create(run("run-" + i, i, Map.of("optimizer.name", optimizers[i % 4], "optimizer.lr",
                    Math.pow(10, -1 - random.nextDouble() * 3), "optimizer.momentum", 0.9, "batch_size", 64L,
                    "epochs", (long) epochs, "model.name", "mlp", "model.hidden", List.of(512L, 512L), "seed",
                    (long) i)));
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO epoch_metrics (run_id, epoch,"
                    + " train_loss, train_accuracy, test_loss, test_accuracy, epoch_seconds, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < runs; i++) {
                    double ceiling = 0.7 + 0.25 * random.nextDouble();
                    for (int epoch = 1; epoch <= epochs; epoch++) {
                        double accuracy = ceiling * (1 - Math.exp(-epoch / 10.0)) + 0.01 * random.nextDouble();
                        insert.setString(1, "run-" + i);
                        insert.setInt(2, epoch);
                        insert.setDouble(3, 1 - accuracy);
                        insert.setDouble(4, accuracy);
                        insert.setDouble(5, 1.05 - accuracy);
                        insert.setDouble(6, accuracy - 0.01);
                        insert.setDouble(7, 2.0);
                        insert.setTimestamp(8, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            MetricSummaries.refreshAll(connection);
            connection.commit();
        }
    }

    private static NewRun run(String id, long seed, Map<String, Object> params) {
        return new NewRun(id, "bench", id, Instant.now(), seed, "sha", "bench.yaml", "", params, Heartbeat.DEFAULT,
                Map.of(), Lineage.NONE);
    }
}
