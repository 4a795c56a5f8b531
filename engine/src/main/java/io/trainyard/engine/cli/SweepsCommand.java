package io.trainyard.engine.cli;

import io.trainyard.engine.compare.SweepBest;
import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.report.SweepsTable;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepSummary;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, SweepsTable.Best> best = new HashMap<>();
        SweepBest.of(sweeps, runQueries.get()).forEach((id, group) -> best.put(id, new SweepsTable.Best(group.label(),
                group.runs().size(), group.mean())));
        SweepsTable.print(sweeps, best, format, root.out());
        return ExitCodes.OK;
    }
}
