package io.trainyard.engine.cli;

import io.trainyard.engine.report.RunReport;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one run: status, provenance, every param and the per-epoch metrics.")
final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<RunQueries> runQueries;

    @Parameters(paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one")
    private String runId;

    @Option(names = "--provenance", description = "List every provenance fact, each plugin's included")
    private boolean allProvenance;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json")
    private Format format = Format.TEXT;

    enum Format { TEXT, JSON }

    @Inject
    ShowCommand(Provider<RunQueries> runQueries) {
        this.runQueries = runQueries;
    }

    @Override
    public Integer call() {
        RunQueries queries = runQueries.get();
        RunDetails details = queries.find(runId);
        String id = details.summary().id();
        if (format == Format.JSON) {
            RunReport.json(details, queries.loggedMetrics(List.of(id)).getOrDefault(id, Map.of()),
                    queries.checkpoints(id).values(), queries.artifacts(id), root.out());
            return ExitCodes.OK;
        }
        RunReport.print(details, allProvenance, root.out());
        RunReport.files(queries.checkpoints(id).values(), queries.artifacts(id), root.out());
        return ExitCodes.OK;
    }
}
