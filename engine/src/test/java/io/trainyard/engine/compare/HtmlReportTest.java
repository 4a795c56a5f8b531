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
import io.trainyard.engine.tracking.StepMetric;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.SweepStore;
import io.trainyard.engine.tracking.Trial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a sweep-like comparison: the verdict first, every user string escaped, nothing fetched, and,
 * drawn by a real browser, every chart without a console error.
 */
class HtmlReportTest {

    private static final String HOSTILE = "<script>document.title='pwned'</script>\"'&";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Instant GENERATED = Instant.parse("2026-11-25T10:11:12.123456789Z");

    @TempDir
    Path directory;

    @Test
    void theFirstScreenNamesTheSweepAndTheBestConfigurationInWords() {
        String html = HtmlReport.render(sweep(), history(), GENERATED);
        assertTrue(html.contains("<h1>Sweep sweep-1 of " + escaped() + ": 8 runs compared</h1>"), html);
        assertTrue(html.contains("Generated 2026-11-25 10:11:12 UTC"), "seconds, no nanoseconds");
        Matcher headline = Pattern.compile("<p class=\"headline\">([^<]*)</p>").matcher(html);
        assertTrue(headline.find());
        assertEquals("Best: lr=0.1 momentum=0.9, final test accuracy 90.50% ± 0.71 pp (mean ± sd of 2 runs),"
                + " 10.00 pp ahead of the runner-up, lr=0.1 momentum=0 (80.50%).", headline.group(1));
        assertTrue(html.indexOf("class=\"headline\"") < html.indexOf("<h2>"), "the verdict comes first");
    }

    @Test
    void theSearchViewsShowEveryRunEveryPairOfValuesAndEachParamsShare() {
        String html = HtmlReport.render(sweep(), history(), GENERATED);
        assertEquals(8, html.split("<polyline class=\"run\"", -1).length - 1, "parallel coordinates: a line a run");
        // The heatmap: the mean of each lr and momentum pair, with its runs.
        for (String cell : List.of("90.50%", "80.50%", "70.50%", "60.50%")) {
            assertTrue(html.contains(">" + cell + " <small>n=2</small></td>"), cell);
        }
        // Finals 0.9/0.91, 0.8/0.81, 0.7/0.71, 0.6/0.61 around 0.755: total sum of squares 0.1002, lr's 0.08,
        // momentum's 0.02, the seeds' 0.0002.
        assertTrue(html.contains("<td>optimizer.lr</td><td class=\"number\"><span class=\"bar\" style=\"width:79.8px\">"
                + "</span>79.84%</td>"), "lr explains 79.84 %");
        assertTrue(html.contains("19.96%</td>"), "momentum 19.96 %");
        assertTrue(html.contains("0.20%</td>"), "the seeds 0.20 %");
    }

    @Test
    void parallelCoordinatesPlaceEachRunOnEveryAxis() {
        // Axes at x = 80, 450 and 820 from y = 280 (the least) to 40 (the most). lr 0.1 and 0.01 span only tenfold:
        // linear. Accuracy from 0.6 to 0.91: 0.9 sits at 280 - 240 * 0.3 / 0.31 = 47.7, 0.7 at 202.6.
        String svg = ParallelCoordinates.render(sweep());
        List<String> lines = new ArrayList<>();
        Matcher points = Pattern.compile("points=\"([^\"]+)\"").matcher(svg);
        while (points.find()) {
            lines.add(points.group(1));
        }
        assertEquals(8, lines.size());
        assertTrue(lines.containsAll(List.of("80.0,40.0 450.0,40.0 820.0,40.0", "80.0,40.0 450.0,40.0 820.0,47.7",
                "80.0,280.0 450.0,40.0 820.0,202.6", "80.0,280.0 450.0,280.0 820.0,280.0")), lines.toString());
        assertEquals("80.0,40.0 450.0,40.0 820.0,40.0", lines.get(lines.size() - 1), "the best is drawn last, on top");
        assertTrue(svg.contains(">optimizer.lr</text>") && svg.contains(">0.01</text>")
                && svg.contains(">91.00%</text>"), "axes named and marked");
    }

    @Test
    void everyUserStringIsEscapedAndNothingIsFetched() {
        String html = HtmlReport.render(sweep(), history(), GENERATED);
        assertFalse(html.contains(HOSTILE), "user text never raw");
        assertTrue(html.contains(escaped()));
        // In the chart data text is JSON with '<' written as \\u003c, so that it cannot close the script element.
        assertTrue(html.contains("{\"id\": \"r1\\u003c/script>\\u003ci>\", \"values\": ["),
                "a run id in the chart data");
        assertFalse(html.contains("r1</script>"));
        assertEquals(3, html.split("<script", -1).length - 1, "the data, uPlot and the report's own script");
        assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "the report references no other file or address");
    }

    @Test
    void chromiumDrawsEveryChartWithoutConsoleErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (.ci/run installs Debian's chromium)");
        Path report = Files.writeString(directory.resolve("report.html"), HtmlReport.render(sweep(), history(),
                GENERATED));
        Path dom = directory.resolve("dom.html");
        Path log = directory.resolve("console.log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + directory.resolve("profile"),
                "--window-size=1280,900", "--dump-dom", report.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, chromium.exitValue(), Files.readString(log));
        String rendered = Files.readString(dom);
        List<String> console = Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "console messages");
        // Four epoch metrics, the logged lr, the loss by step, one scatter per swept param, best so far by trial.
        assertTrue(rendered.contains("data-charts=\"9\""), "charts drawn: " + chartCount(rendered));
        assertEquals(9, rendered.split("class=\"uplot", -1).length - 1);
        assertTrue(rendered.contains("<figcaption>Lr</figcaption>"), "the logged metric has its chart");
        assertTrue(rendered.contains("<title>Sweep sweep-1 of "), "the title is unchanged: no injected script ran");
    }

    private static String chartCount(String rendered) {
        Matcher count = Pattern.compile("data-charts=\"(\\d+)\"").matcher(rendered);
        return count.find() ? count.group(1) : "none (the script did not finish)";
    }

    private static String escaped() {
        return "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&quot;&#39;&amp;";
    }

    /**
     * A grid over lr {0.1, 0.01} and momentum {0, 0.9}, two seeds each, as trials 1 to 8 of one sweep. The final
     * test accuracy is 0.9 for lr 0.1 with momentum 0.9, 0.8 with momentum 0, 0.7 and 0.6 for lr 0.01, plus 0.01
     * for the second seed.
     */
    private Comparison sweep() {
        try (Database database = new Database(new StoreLocation(directory.resolve("store")))) {
            RunStore store = new RunStore(database);
            List<Trial> trials = new ArrayList<>();
            for (int number = 1; number <= 8; number++) {
                trials.add(new Trial(number, number, 1, List.of("seed=1")));
            }
            new SweepStore(database).create(new SweepRecord("sweep-1", HOSTILE, "FINISHED", Instant.EPOCH, null,
                    "grid", 1, "sha", "e.yaml", "", List.of(), null), trials, Heartbeat.DEFAULT);
            List<RunDetails> runs = new ArrayList<>();
            int trial = 0;
            for (double lr : new double[] {0.1, 0.01}) {
                for (double momentum : new double[] {0.9, 0.0}) {
                    for (long seed = 1; seed <= 2; seed++) {
                        trial++;
                        String id = id(trial);
                        Map<String, Object> params = new LinkedHashMap<>();
                        params.put("optimizer.lr", lr);
                        params.put("optimizer.momentum", momentum);
                        params.put("optimizer.name", "sgd");
                        params.put("seed", seed);
                        store.create(new NewRun(id, HOSTILE, HOSTILE, Instant.parse("2026-11-01T00:00:00Z")
                                .plusSeconds(trial), seed, "sha", "e.yaml", "", params, Heartbeat.DEFAULT, Map.of(),
                                new Lineage(null, "sweep-1", trial)));
                        double last = (lr == 0.1 ? 0.8 : 0.6) + (momentum == 0.9 ? 0.1 : 0) + 0.01 * (seed - 1);
                        for (int epoch = 1; epoch <= 3; epoch++) {
                            store.recordEpoch(id, new EpochResult(epoch, 1.0 / epoch, last - 0.1 * (3 - epoch),
                                    1.1 / epoch, last - 0.1 * (3 - epoch), 1), List.of(), Map.of("lr", lr / epoch));
                        }
                        runs.add(new RunQueries(database).find(id));
                    }
                }
            }
            return Comparison.of(runs, false);
        }
    }

    /** Run ids are the engine's own, but the report treats them as user text: these test that. */
    private static String id(int trial) {
        return "r" + trial + "</script><i>";
    }

    private RunHistory history() {
        Map<String, List<StepMetric>> steps = new LinkedHashMap<>();
        Map<String, Map<Integer, Map<String, Double>>> logged = new LinkedHashMap<>();
        for (int trial = 1; trial <= 8; trial++) {
            List<StepMetric> run = new ArrayList<>();
            for (int step = 0; step < 30; step++) {
                run.add(new StepMetric(step, step / 10 + 1, step % 10, 2.0 / (step + 1) + 0.01 * trial,
                        Instant.EPOCH));
            }
            steps.put(id(trial), run);
            Map<Integer, Map<String, Double>> epochs = new LinkedHashMap<>();
            for (int epoch = 1; epoch <= 3; epoch++) {
                epochs.put(epoch, Map.of("lr", 0.1 / epoch));
            }
            logged.put(id(trial), epochs);
        }
        return new RunHistory(steps, logged);
    }
}
