package io.trainyard.engine.cli;

import io.trainyard.engine.text.TerminalSafeStream;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/** The {@code trainyard} command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Signals.install();
        int code = execute(args, System.out, System.err, System.getenv());
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command and returns its exit code; tests call this in-process. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        PrintStream safeOut = TerminalSafeStream.wrap(out);
        PrintStream safeErr = TerminalSafeStream.wrap(err);
        try (TrainyardCommand root = new TrainyardCommand(safeOut, safeErr, environment)) {
            return execute(root, args, safeOut, safeErr, environment);
        } finally {
            safeOut.flush();
            safeErr.flush();
        }
    }

    private static int execute(TrainyardCommand root, String[] args, PrintStream out, PrintStream err,
            Map<String, String> environment) {
        // Settings below reach the subcommands added before them, so the tree is complete first.
        CommandLine commandLine = CommandTree.of(root, args).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler(new ErrorReporter(err, environment));
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            err.println("error: " + error.getMessage());
            err.println("Try '" + error.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        return commandLine.execute(args);
    }
}
