package io.trainyard.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.NewRun;
import io.trainyard.engine.tracking.RunAnnotations;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.RunSummary;
import io.trainyard.engine.testing.StoreBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The filter language and orderings, run against a real store on each database. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class RunFilterTest {

    @Parameter
    StoreBackend backend;

    @TempDir
    Path directory;

    private Database database;
    private RunQueries queries;

    @BeforeEach
    void fill() {
        database = new Database(backend.newStore(directory).location());
        RunStore store = new RunStore(database);
        queries = new RunQueries(database);
        run(store, "sgd-slow", 1, "sgd", 0.001, false, new double[] {0.70, 0.78, 0.81});
        run(store, "sgd-fast", 2, "sgd", 0.01, true, new double[] {0.75, 0.84, 0.83});
        run(store, "adam", 3, "adam", 0.001, false, new double[] {0.80, 0.86, 0.88});
        run(store, "adamw", 4, "adamw", 0.0005, false, new double[] {0.60});
        RunAnnotations annotations = new RunAnnotations(database);
        annotations.tag("sgd-slow", "baseline", "yes");
        annotations.tag("adamw", "comment", "it's \"quoted\"");
        store.finish("adamw", RunStatus.FAILED, "boom", null);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static void run(RunStore store, String id, int day, String optimizer, double lr, boolean nesterov,
            double[] accuracies) {
        store.create(new NewRun(id, "fashion", id, Instant.parse("2026-11-0" + day + "T12:00:00Z"), day, "sha",
                "e.yaml", "", Map.of("optimizer.name", optimizer, "optimizer.lr", lr, "optimizer.nesterov",
                nesterov, "epochs", (long) accuracies.length), Heartbeat.DEFAULT, Map.of(), Lineage.NONE));
        for (int epoch = 1; epoch <= accuracies.length; epoch++) {
            store.recordEpoch(id, new EpochResult(epoch, 1 - accuracies[epoch - 1], accuracies[epoch - 1],
                    1.1 - accuracies[epoch - 1], accuracies[epoch - 1], 1.0), List.of());
        }
    }

    private List<String> ids(String filter) {
        return ids(filter, "start desc");
    }

    private List<String> ids(String filter, String order) {
        return queries.list(Optional.of(FilterParser.parse(filter)), RunOrder.parse(order), 0).stream()
                .map(RunSummary::id).toList();
    }

    @Test
    void paramsCompareAsNumbersBooleansOrText() {
        assertEquals(List.of("adamw", "adam", "sgd-slow"), ids("params.optimizer.lr < 0.005"));
        assertEquals(List.of("sgd-fast"), ids("params.optimizer.lr >= 1e-2"));
        assertEquals(List.of("sgd-fast"), ids("params.optimizer.nesterov = true"));
        assertEquals(List.of("sgd-fast", "sgd-slow"), ids("params.optimizer.name = 'sgd'"));
        assertEquals(List.of("adamw", "adam"), ids("params.optimizer.name != \"sgd\""));
        assertEquals(List.of("adam", "sgd-slow"), ids("params.epochs = 3 and params.optimizer.lr = 0.001"));
    }

    @Test
    void metricsCompareTheirLastBestOrFirstValue() {
        assertEquals(List.of("adam"), ids("metrics.test_accuracy > 0.83"));
        // sgd-fast peaked at 0.84 in epoch 2 and ended at 0.83.
        assertEquals(List.of("adam", "sgd-fast"), ids("metrics.test_accuracy.max >= 0.84"));
        assertEquals(List.of("adamw"), ids("metrics.test_loss.min > 0.4"));
        assertEquals(List.of("adam"), ids("metrics.train_accuracy.first = 0.8"));
    }

    @Test
    void logicInListsPatternsAndTags() {
        assertEquals(List.of("adam", "sgd-fast", "sgd-slow"),
                ids("params.optimizer.name = 'sgd' and (metrics.test_accuracy >= 0.8 or tags.baseline = 'yes')"
                        + " or params.optimizer.name in ('adam', 'lbfgs')", "id asc"));
        assertEquals(List.of("adamw", "adam"), ids("params.optimizer.name ~ 'adam*'"));
        assertEquals(List.of("adamw", "adam"), ids("params.optimizer.name ~ 'dam'"));
        assertEquals(List.of("adamw", "adam", "sgd-fast"), ids("not tags.baseline = 'yes'"));
        assertEquals(List.of("adamw"), ids("status = 'failed'"));
        assertEquals(List.of("adamw", "adam"), ids("start >= '2026-11-03'"));
        assertEquals(List.of("sgd-fast", "sgd-slow"), ids("seed in (1, 2)"));
        assertEquals(List.of("adamw"), ids("tags.comment ~ 'it''s \"quoted\"'"));
    }

    @Test
    void userTextNeverBecomesSql() {
        assertEquals(List.of(), ids("params.optimizer.name = 'x'' OR 1=1; DROP TABLE runs; --'"));
        assertEquals(List.of(), ids("params.optimizer.name ~ '%'"));
        assertEquals(4, queries.list().size());
    }

    @Test
    void ordersByAnyFieldWithMissingValuesLast() {
        assertEquals(List.of("adam", "sgd-fast", "sgd-slow", "adamw"), ids("seed > 0", "metrics.test_accuracy desc"));
        // Equal learning rates: newest first.
        assertEquals(List.of("adamw", "adam", "sgd-slow", "sgd-fast"), ids("seed > 0", "params.optimizer.lr"));
        assertEquals(List.of("sgd-slow", "adamw", "adam", "sgd-fast"), ids("seed > 0", "tags.baseline desc"));
        assertEquals(List.of("adam", "sgd-fast"), queries.list(Optional.empty(),
                RunOrder.parse("metrics.test_accuracy desc"), 2).stream().map(RunSummary::id).toList());
    }

    @Test
    void syntaxErrorsPointAtTheColumn() {
        assertError("filter: expected a value (a number, 'text', true or false), found the end of the filter at"
                + " column 21\n  metrics.test_loss <=\n                      ^", "metrics.test_loss <=");
        assertError("filter: expected ')' to close the '(', found the end of the filter at column 22\n"
                + "  (seed = 1 or seed = 2\n", "(seed = 1 or seed = 2");
        assertError("filter: unknown field 'accuracy'; use params.KEY, metrics.NAME[.first|.last|.min|.max],"
                + " tags.KEY or one of id, experiment, status, seed, start, end, note, parent, sweep, trial at"
                + " column 1",
                "accuracy > 0.8");
        assertError("filter: expected a value; quote text, as in 'sgd' at column 25", "params.optimizer.name = sgd");
        assertError("filter: this text has no closing ' at column 10", "status = 'FINISHED");
        assertError("filter: expected 'and', 'or' or the end, found 'seed' at column 10", "seed = 1 seed = 2");
        assertError("filter: metrics.test_accuracy is a number; compare it with one", "metrics.test_accuracy = 'high'");
        assertError("order: expected asc or desc, found 'down' at column 6", "seed down");
    }

    @Test
    void longAndDeepFiltersRunOrAreRefusedInOneLine() {
        // A thousand 'or's and an 'in' list of 20 000 ids: flat SQL, no stack overflow.
        String thousand = String.join(" or ", java.util.Collections.nCopies(999, "seed = 99")) + " or seed = 3";
        assertEquals(List.of("adam"), ids(thousand));
        StringBuilder manyIds = new StringBuilder("id in ('adamw'");
        for (int i = 0; i < 19_999; i++) {
            manyIds.append(", 'run-").append(i).append('\'');
        }
        assertEquals(List.of("adamw"), ids(manyIds.append(')').toString()));
        assertEquals(List.of("sgd-fast"), ids("not ".repeat(100) + "seed = 2"));
        assertEquals(List.of("sgd-fast"), ids("(".repeat(100) + "seed = 2" + ")".repeat(100)));

        assertError("filter: the filter nests parentheses and 'not' more than 100 levels deep; simplify it at column"
                + " 401", "not ".repeat(5000) + "seed = 2");
        assertError("filter: the filter nests parentheses and 'not' more than 100 levels deep", "(".repeat(5000)
                + "seed = 2" + ")".repeat(5000));
        assertError("filter: the filter has more than 1000 comparisons; for many values of one field write FIELD in"
                + " (v1, v2, ...)", thousand + " or seed = 4");
        assertError("filter: 'metrics..min' has an empty part between dots", "metrics..min = 1");
        assertError("filter: 'params..x' has an empty part between dots", "params..x = 1");
        assertError("filter: 'tags.x.' has an empty part between dots", "tags.x. = 1");
    }

    @Test
    void aggregatesAreKeywordsInAnyCase() {
        assertEquals(ids("metrics.test_accuracy.last > 0.83"), ids("metrics.test_accuracy.LAST > 0.83"));
        assertEquals(List.of("adam", "sgd-fast"), ids("metrics.test_accuracy.Max >= 0.84"));
    }

    private void assertError(String expectedStart, String text) {
        TrainyardException error = assertThrows(TrainyardException.class, () -> {
            if (text.equals("seed down")) {
                RunOrder.parse(text);
            } else {
                queries.list(Optional.of(FilterParser.parse(text)), RunOrder.NEWEST_FIRST, 0);
            }
        });
        assertEquals(true, error.getMessage().startsWith(expectedStart), error.getMessage());
    }
}
