package io.trainyard.engine.cli;

import com.google.inject.ProvisionException;
import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.StoreException;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line on stderr and an exit code. Users see a stack trace only for
 * defects, and only when they ask with {@code TRAINYARD_DEBUG=1}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    private final PrintStream err;
    private final boolean debug;

    ErrorReporter(PrintStream err, Map<String, String> environment) {
        this.err = err;
        this.debug = "1".equals(environment.get("TRAINYARD_DEBUG"));
    }

    @Override
    public int handleExecutionException(Exception thrown, CommandLine commandLine,
            CommandLine.ParseResult parseResult) {
        Throwable error = unwrap(thrown);
        if (error instanceof TrainyardException) {
            err.println("error: " + error.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (debug) {
            error.printStackTrace(err);
        }
        if (error instanceof StoreException) {
            err.println("error: " + error.getMessage());
            return ExitCodes.STORE_ERROR;
        }
        err.println("internal error: " + error + (debug ? "" : " (set TRAINYARD_DEBUG=1 for the stack trace)"));
        return ExitCodes.INTERNAL_ERROR;
    }

    /** Guice wraps what a provider throws; the user's problem is the cause. */
    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof ProvisionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
