package io.trainyard.engine.cli;

import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunAnnotations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "note", mixinStandardHelpOptions = true,
        description = "Set a run's free-text note (an empty text clears it); 'show' prints it.")
final class NoteCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one")
    private String runId;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The note")
    private String text;

    @Override
    public Integer call() {
        if (text.length() > 4000) {
            throw new io.trainyard.api.TrainyardException("the note has " + text.length() + " characters; a note"
                    + " holds at most 4000 (keep longer texts in a file and note its path)");
        }
        String id = root.get(RunQueries.class).find(runId).summary().id();
        root.get(RunAnnotations.class).note(id, text.isBlank() ? null : text);
        root.out().printf("Run %s: note %s%n", id, text.isBlank() ? "cleared" : "set");
        return ExitCodes.OK;
    }
}
