package io.trainyard.engine.cli;

import io.trainyard.engine.tracking.RunAnnotations;
import io.trainyard.engine.tracking.RunQueries;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "note", mixinStandardHelpOptions = true,
        description = "Set a run's free-text note (an empty text clears it); 'show' prints it.")
final class NoteCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<RunQueries> runQueries;
    private final Provider<RunAnnotations> runAnnotations;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one")
    private String runId;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The note")
    private String text;

    @Inject
    NoteCommand(Provider<RunQueries> runQueries, Provider<RunAnnotations> runAnnotations) {
        this.runQueries = runQueries;
        this.runAnnotations = runAnnotations;
    }

    @Override
    public Integer call() {
        RunAnnotations.checkNote(text);
        String id = runQueries.get().find(runId).summary().id();
        runAnnotations.get().note(id, text.isBlank() ? null : text);
        root.out().printf("Run %s: note %s%n", id, text.isBlank() ? "cleared" : "set");
        return ExitCodes.OK;
    }
}
