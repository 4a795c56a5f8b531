package io.trainyard.engine.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.NewRun;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: escaped, self-contained, and rendered by a real browser without errors. */
class HtmlReportTest {

    private static final String HOSTILE = "<script>document.title='pwned'</script>\"'&";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path directory;

    @Test
    void everyUserStringIsEscapedAndNothingIsFetched() {
        String html = HtmlReport.render(comparison(), Instant.parse("2026-11-25T00:00:00Z"));
        assertFalse(html.contains("<script"), "no script at all, and user text escaped");
        assertTrue(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&quot;&#39;&amp;"));
        assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "the report references no other file or address");
        assertEquals(4, html.split("<svg class=\"chart\"", -1).length - 1);
    }

    @Test
    void chromiumRendersTheChartsWithoutConsoleErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (.ci/run installs Debian's chromium)");
        Path report = Files.writeString(directory.resolve("report.html"),
                HtmlReport.render(comparison(), Instant.now()));
        Path dom = directory.resolve("dom.html");
        Path log = directory.resolve("console.log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + directory.resolve("profile"),
                "--dump-dom", report.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, chromium.exitValue(), Files.readString(log));
        String rendered = Files.readString(dom);
        List<String> console = Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "console messages");
        assertEquals(4, rendered.split("<svg class=\"chart\"", -1).length - 1, "four charts");
        // Three runs, one line per run in each chart.
        assertEquals(12, rendered.split("<polyline", -1).length - 1);
        assertTrue(rendered.contains("<title>Trainyard comparison of 3 runs</title>"), "the injected script did not run");
    }

    private Comparison comparison() {
        try (Database database = new Database(new StoreLocation(directory.resolve("store")))) {
            RunStore store = new RunStore(database);
            List<RunDetails> runs = new ArrayList<>();
            for (int seed = 1; seed <= 3; seed++) {
                String id = "run-" + seed;
                store.create(new NewRun(id, HOSTILE, HOSTILE, Instant.parse("2026-11-0" + seed + "T00:00:00Z"), seed,
                        "sha", "e.yaml", "", Map.of("optimizer.name", seed == 3 ? HOSTILE : "sgd", "seed",
                                (long) seed), Heartbeat.DEFAULT, Map.of(), Lineage.NONE));
                for (int epoch = 1; epoch <= 4; epoch++) {
                    store.recordEpoch(id, new EpochResult(epoch, 1.0 / epoch, 0.5 + 0.1 * epoch, 1.1 / epoch,
                            0.45 + 0.1 * epoch + 0.01 * seed, 1), List.of());
                }
                runs.add(new RunQueries(database).find(id));
            }
            return Comparison.of(runs, false);
        }
    }
}
