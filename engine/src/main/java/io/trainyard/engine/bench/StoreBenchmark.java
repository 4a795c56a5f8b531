package io.trainyard.engine.bench;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.compare.Comparison;
import io.trainyard.engine.query.FilterParser;
import io.trainyard.engine.query.RunOrder;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.MetricSummaries;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.NewRun;
import io.trainyard.engine.tracking.Reading;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.RunSummary;
import io.trainyard.engine.tracking.StepMetric;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.SweepStore;
import io.trainyard.engine.tracking.Trial;
import io.trainyard.engine.tracking.TrialQueue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Times the store on a scratch database (a temporary H2 store, or an empty database the user names): ingesting
 * per-step metrics through the recorder's own write path, then filtering, ordering and comparing many runs of many
 * epochs, then workers claiming queued trials. The figures the tracking issues set: one million points a second
 * ingested; filter and compare over 10 000 runs of 100 epochs within a second; claims by 8 workers at once, none
 * twice.
 */
public final class StoreBenchmark {

    public static final String FILTER = "params.optimizer.name = 'sgd' and metrics.test_accuracy >= 0.85";

    private static final int PROVENANCE_FACTS = 30;

    private final PrintStream out;

    public StoreBenchmark(PrintStream out) {
        this.out = out;
    }

    /**
     * @param scratch an empty database to time (emptied again afterwards), or null for a temporary H2 store
     * @param trials queued trials to claim, by {@code workers} threads with a connection each
     */
    public void run(StoreLocation scratch, int runs, int epochs, int steps, int trials, int workers)
            throws IOException, SQLException {
        Path directory = Files.createTempDirectory("trainyard-store-bench");
        StoreLocation location = scratch != null ? scratch : new StoreLocation(directory);
        try (Database database = new Database(location)) {
            RunStore store = new RunStore(database);
            if (!new RunQueries(database).list().isEmpty() || !new SweepQueries(database).list().isEmpty()) {
                throw new TrainyardException("bench-store writes and then deletes thousands of runs: give it an empty"
                        + " scratch database, not " + location.describe() + ", which holds runs");
            }
            out.printf(Locale.ROOT, "store: %s (%s)%n", location.describe(), database.dialect());
            try {
                measure(database, store, runs, epochs, steps, trials, workers);
            } finally {
                if (scratch != null) {
                    empty(database);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void measure(Database database, RunStore store, int runs, int epochs, int steps, int trials,
            int workers) throws SQLException {
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
            List<RunDetails> details = queries.details(matching, Reading.SUMMARIES);
            long read = System.nanoTime();
            Comparison comparison = Comparison.of(details, false);
            comparison.runsTable();
            comparison.groupsTable(false);
            long compared = System.nanoTime();
            out.printf(Locale.ROOT, "round %d: filter + order %,d of %,d runs %.3f s; compare them: read params and"
                    + " metric summaries %.3f s, group and tabulate %.3f s; total %.3f s%n", round, matching.size(),
                    runs + 1, (filtered - start) / 1e9, (read - filtered) / 1e9, (compared - read) / 1e9,
                    (compared - start) / 1e9);
        }
        claims(database, trials, workers);
    }

    /**
     * {@code workers} threads claim every trial of a queued sweep of {@code trials} as fast as they can, each claim
     * its own transaction on its own connection, as workers on as many machines would.
     */
    private void claims(Database database, int trials, int workers) {
        List<Trial> planned = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            planned.add(new Trial(trial, trial, 1, List.of("seed=" + trial)));
        }
        new SweepStore(database).create(new SweepRecord("bench-sweep", "bench", "QUEUED", Instant.now(), null, "grid",
                1, "bench", "bench.yaml", "", List.of(), null), planned, Heartbeat.DEFAULT);
        TrialQueue queue = new TrialQueue(database);
        Set<Integer> claimed = ConcurrentHashMap.newKeySet();
        AtomicInteger twice = new AtomicInteger();
        Instant until = Instant.now().plus(Duration.ofDays(1));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int worker = 0; worker < workers; worker++) {
            String name = "bench-worker-" + worker;
            running.add(pool.submit(() -> {
                Optional<TrialQueue.Claim> claim;
                while ((claim = queue.claim("bench-sweep", name, Instant.now(), until)).isPresent()) {
                    if (!claimed.add(claim.get().trial())) {
                        twice.incrementAndGet();
                    }
                }
            }));
        }
        try {
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainyardException("interrupted while timing claims", e);
        } catch (ExecutionException e) {
            throw new TrainyardException("a claim failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "claims: %,d of %,d queued trials by %d workers in %.3f s = %,.0f claims/s;"
                + " claimed twice: %d%n", claimed.size(), trials, workers, seconds, claimed.size() / seconds,
                twice.get());
    }

    /** Removes what the benchmark wrote into a scratch database the user named. */
    private static void empty(Database database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM runs");
            statement.executeUpdate("DELETE FROM sweeps");
            statement.executeUpdate("DELETE FROM experiments");
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

    /** Runs with eight params each through the store; their epochs in bulk, summaries refreshed at the end. */
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

    /** A run as the trainer records one: eight params, thirty provenance facts (versions, machine, seeds, git). */
    private static NewRun run(String id, long seed, Map<String, Object> params) {
        Map<String, String> provenance = new java.util.TreeMap<>();
        for (int fact = 0; fact < PROVENANCE_FACTS; fact++) {
            provenance.put("fact." + fact, "value " + fact + " of " + id);
        }
        return new NewRun(id, "bench", id, Instant.now(), seed, "sha", "bench.yaml", "", params, Heartbeat.DEFAULT,
                provenance, Lineage.NONE);
    }
}
