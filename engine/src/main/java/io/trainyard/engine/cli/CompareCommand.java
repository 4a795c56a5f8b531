package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.compare.Comparison;
import io.trainyard.engine.compare.ComparisonReport;
import io.trainyard.engine.compare.HtmlReport;
import io.trainyard.engine.compare.RunHistory;
import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.tracking.Reading;
import io.trainyard.engine.tracking.RunSelection;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.StepMetric;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.TrialState;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs: which configuration is best, by how much and how sure (runs that differ only"
            + " in their seed form a configuration, ranked by mean final test accuracy; each is tested against the"
            + " best with Welch's t-test, Holm-corrected), then the configurations and the runs with the params that"
            + " differ.", "--format html writes a self-contained report with curves and, for sweeps, the search"
            + " views."},
        footer = {"", "  trainyard compare 20261125-0329 20261125-0412",
            "  trainyard compare --filter \"experiment = 'fashion-mnist-sgd'\" --format html --out report.html",
            "  trainyard compare --sweep 20261125-0501"})
final class CompareCommand implements Callable<Integer> {

    enum Format { TABLE, MARKDOWN, CSV, JSON, HTML }

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<SweepQueries> sweepQueries;
    private final Provider<RunQueries> runQueries;

    @Parameters(paramLabel = "RUN_ID", arity = "0..*", description = "Runs to compare (ids or unique prefixes)")
    private List<String> runIds = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "FILTER", description = "Compare the runs that pass this filter"
            + " (see 'trainyard runs --help')")
    private String filter;

    @Option(names = "--sweep", paramLabel = "SWEEP_ID", description = "Rank the trials of a sweep (the latest run of"
            + " each)")
    private String sweep;

    @Option(names = "--all-params", description = "Show every param, not only those that differ")
    private boolean allParams;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), markdown, csv, json or html")
    private Format format = Format.TABLE;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of the terminal")
    private Path out;

    @Inject
    CompareCommand(Provider<SweepQueries> sweepQueries, Provider<RunQueries> runQueries) {
        this.sweepQueries = sweepQueries;
        this.runQueries = runQueries;
    }

    @Override
    public Integer call() {
        Comparison comparison;
        if (sweep != null) {
            if (!runIds.isEmpty() || filter != null) {
                throw new TrainyardException("--sweep compares a sweep's trials; leave out run ids and --filter");
            }
            List<String> trials = sweepQueries.get().trials(sweepQueries.get().find(sweep).id())
                    .stream().map(TrialState::runId).filter(Objects::nonNull).toList();
            if (trials.isEmpty()) {
                throw new TrainyardException("sweep " + sweep + " has no trial run yet");
            }
            comparison = Comparison.of(runQueries.get().detailsById(trials, reading()), allParams);
        } else {
            comparison = Comparison.of(RunSelection.select(runQueries.get(), runIds, filter, false,
                    reading()), allParams);
        }
        if (out == null) {
            write(comparison, root.out());
            return ExitCodes.OK;
        }
        try (PrintStream file = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
            write(comparison, file);
        } catch (IOException e) {
            throw new TrainyardException("cannot write " + out + ": " + e
                    + "; pass --out with a writable path");
        }
        root.out().printf("Wrote %s (%d runs)%n", out, comparison.runs().size());
        return ExitCodes.OK;
    }

    /** The HTML report draws every epoch; the tables need only the summaries. */
    private Reading reading() {
        return format == Format.HTML ? Reading.EPOCHS : Reading.SUMMARIES;
    }

    private void write(Comparison comparison, PrintStream target) {
        if (format == Format.HTML) {
            RunQueries queries = runQueries.get();
            List<String> ids = comparison.runs().stream().map(run -> run.summary().id()).toList();
            Map<String, List<StepMetric>> steps = new LinkedHashMap<>();
            ids.forEach(id -> steps.put(id, queries.steps(id)));
            target.print(HtmlReport.render(comparison, new RunHistory(steps, queries.loggedMetrics(ids)),
                    Instant.now()));
        } else {
            ComparisonReport.write(comparison, OutputFormat.valueOf(format.name()), target);
        }
        target.flush();
    }
}
