package io.trainyard.engine.cli;

import io.trainyard.engine.run.Resumption;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
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

    private final Provider<Resumption> resumption;

    @Parameters(paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one")
    private String runId;

    @Inject
    ResumeCommand(Provider<Resumption> resumption) {
        this.resumption = resumption;
    }

    @Override
    public Integer call() {
        return ExitCodes.of(resumption.get().resume(runId), root.err());
    }
}
