package io.trainyard.engine.cli;

import io.trainyard.engine.query.FilterParser;
import io.trainyard.engine.query.RunOrder;
import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.report.RunsTable;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunSummary;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List recorded runs: id, experiment, status, epochs, final test accuracy.",
        footer = {"", "Filters compare params, metrics, tags and run attributes:",
            "  trainyard runs --filter \"params.optimizer.name = 'sgd' and metrics.test_accuracy >= 0.8\"",
            "  trainyard runs --filter \"metrics.test_loss.min < 0.4 or tags.baseline = 'yes'\" --order seed",
            "Fields: params.KEY, metrics.NAME (last value; .first .min .max), tags.KEY, id, experiment, status,",
            "seed, start, end, note, parent, sweep, trial. Operators: = != < <= > >= ~ (substring or glob)",
            "in (...), and, or, not, parentheses. Quote text with ' or \"."})
final class RunsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<RunQueries> runQueries;

    @Option(names = "--filter", paramLabel = "FILTER", description = "Only the runs that pass this filter")
    private String filter;

    @Option(names = "--order", paramLabel = "FIELD [asc|desc]",
            description = "Sort by a field, e.g. 'metrics.test_accuracy desc' (default: newest first)")
    private String order;

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs")
    private int limit;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv, json or markdown")
    private OutputFormat format = OutputFormat.TABLE;

    @Inject
    RunsCommand(Provider<RunQueries> runQueries) {
        this.runQueries = runQueries;
    }

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new io.trainyard.api.TrainyardException("--limit must be 0 (no limit) or more, got " + limit);
        }
        List<RunSummary> runs = runQueries.get().list(Optional.ofNullable(filter).map(FilterParser::parse),
                order == null ? RunOrder.NEWEST_FIRST : RunOrder.parse(order), limit);
        RunsTable.print(runs, format, filter != null, root.out());
        return ExitCodes.OK;
    }
}
