package io.trainyard.engine.cli;

import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.report.SweepsTable;
import io.trainyard.engine.tracking.SweepQueries;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "sweeps", mixinStandardHelpOptions = true,
        description = "List recorded sweeps: id, experiment, status, trials ended of planned, best trial.")
final class SweepsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<SweepQueries> sweepQueries;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv, json or markdown")
    private OutputFormat format = OutputFormat.TABLE;

    @Inject
    SweepsCommand(Provider<SweepQueries> sweepQueries) {
        this.sweepQueries = sweepQueries;
    }

    @Override
    public Integer call() {
        SweepsTable.print(sweepQueries.get().list(), format, root.out());
        return ExitCodes.OK;
    }
}
