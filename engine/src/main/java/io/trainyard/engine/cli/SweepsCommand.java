package io.trainyard.engine.cli;

import io.trainyard.engine.compare.Comparison;
import io.trainyard.engine.compare.Group;
import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.report.SweepsTable;
import io.trainyard.engine.tracking.Reading;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepSummary;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "sweeps", mixinStandardHelpOptions = true,
        description = "List recorded sweeps: id, experiment, status, trials ended of planned, and the best"
            + " configuration (the highest mean final test accuracy over its seeds, as 'compare --sweep' ranks).")
final class SweepsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<SweepQueries> sweepQueries;
    private final Provider<RunQueries> runQueries;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv, json or markdown")
    private OutputFormat format = OutputFormat.TABLE;

    @Inject
    SweepsCommand(Provider<SweepQueries> sweepQueries, Provider<RunQueries> runQueries) {
        this.sweepQueries = sweepQueries;
        this.runQueries = runQueries;
    }

    @Override
    public Integer call() {
        List<SweepSummary> sweeps = sweepQueries.get().list();
        // Every sweep's runs read at once: one query per table, however many sweeps.
        Map<String, RunDetails> runs = runQueries.get().detailsById(sweeps.stream()
                .flatMap(sweep -> sweep.runIds().stream()).toList(), Reading.SUMMARIES).stream()
                .collect(Collectors.toMap(run -> run.summary().id(), Function.identity()));
        Map<String, SweepsTable.Best> best = new HashMap<>();
        for (SweepSummary sweep : sweeps) {
            List<RunDetails> trials = sweep.runIds().stream().map(runs::get).toList();
            if (!trials.isEmpty()) {
                Group top = Comparison.of(trials, false).groups().get(0);
                if (top.n() > 0) {
                    best.put(sweep.sweep().id(), new SweepsTable.Best(top.label(), top.runs().size(), top.mean()));
                }
            }
        }
        SweepsTable.print(sweeps, best, format, root.out());
        return ExitCodes.OK;
    }
}
