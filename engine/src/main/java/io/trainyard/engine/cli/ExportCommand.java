package io.trainyard.engine.cli;

import io.trainyard.engine.report.Export;
import io.trainyard.engine.tracking.Reading;
import io.trainyard.engine.tracking.RunSelection;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write runs as CSV: runs.csv (one row per run, every param a column, final and best"
            + " metrics), epochs.csv (one row per run and epoch) and steps.csv (one row per logged step).",
            "Without runs or a filter, every run."},
        footer = {"", "  trainyard export --filter \"params.optimizer.name = 'sgd'\" --out results/",
            "  python -c \"import pandas; print(pandas.read_csv('results/runs.csv'))\""})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<RunQueries> runQueries;

    @Parameters(paramLabel = "RUN_ID", arity = "0..*", description = "Runs to export (ids or unique prefixes)")
    private List<String> runIds = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "FILTER", description = "Export the runs that pass this filter")
    private String filter;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the two files")
    private Path out;

    @Inject
    ExportCommand(Provider<RunQueries> runQueries) {
        this.runQueries = runQueries;
    }

    @Override
    public Integer call() {
        RunQueries queries = runQueries.get();
        List<RunDetails> runs = RunSelection.select(queries, runIds, filter, true, Reading.EPOCHS);
        List<Path> files;
        try {
            files = Export.write(runs, queries::steps,
                    queries.loggedMetrics(runs.stream().map(run -> run.summary().id()).toList()), out);
        } catch (IOException e) {
            throw new io.trainyard.api.TrainyardException("cannot write the export to " + out + ": " + e
                    + "; pass --out with a writable directory");
        }
        root.out().printf("Wrote %s, %s and %s (%d runs)%n", files.get(0), files.get(1), files.get(2), runs.size());
        return ExitCodes.OK;
    }
}
