package io.trainyard.engine.cli;

import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.run.Resumption;
import io.trainyard.engine.run.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run that crashed, was killed or failed from its last checkpoint to its planned"
                + " epochs, as the same run.")
final class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    @Parameters(paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one")
    private String runId;

    @Override
    public Integer call() {
        RunResult result = root.get(Resumption.class).resume(runId);
        if (result.status() == RunStatus.FAILED) {
            root.err().printf("error: run %s FAILED: %s%n", result.runId(), result.error());
            return ExitCodes.RUN_FAILED;
        }
        return result.status() == RunStatus.KILLED ? ExitCodes.KILLED : ExitCodes.OK;
    }
}
