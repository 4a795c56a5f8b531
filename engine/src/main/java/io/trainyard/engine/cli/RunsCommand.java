package io.trainyard.engine.cli;

import io.trainyard.engine.report.RunsTable;
import io.trainyard.engine.tracking.RunQueries;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List recorded runs, newest first: id, experiment, status, epochs, final test accuracy.")
final class RunsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    @Override
    public Integer call() {
        RunsTable.print(root.get(RunQueries.class).list(), root.out());
        return ExitCodes.OK;
    }
}
