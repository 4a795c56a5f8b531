package io.trainyard.engine.sweep;

import io.trainyard.engine.EngineOptions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a sweep's trial as a process of its own: the same Java, class path and JVM options as this one, the same
 * store, plugins and environment, and a thread budget. A process per trial, because ND4J's native thread pools
 * are per process: trials sharing one would share (and fight over) its threads.
 */
public final class TrialLauncher {

    /** JVM options that must not be repeated in a second process (a debugger's port, a profiler's agent). */
    private static final List<String> NOT_INHERITED = List.of("-agentlib:", "-agentpath:", "-javaagent:",
            "-Xrunjdwp", "-Xdebug");

    /** The command line's entry point, named rather than referenced: the cli package depends on this one. */
    private static final String MAIN = "io.trainyard.engine.cli.Main";

    private final EngineOptions options;

    @Inject
    public TrialLauncher(EngineOptions options) {
        this.options = options;
    }

    /** Starts {@code trainyard sweep-trial SWEEP TRIAL --threads N}, its output going to {@code log}. */
    public Process start(String sweepId, int trial, int threads, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, "sweep-trial",
                sweepId, Integer.toString(trial), "--threads", Integer.toString(threads), "--store",
                options.store().external() ? options.store().url()
                        : options.store().directory().toAbsolutePath().toString()));
        for (Path directory : options.pluginDirectories()) {
            command.addAll(List.of("--plugins", directory.toAbsolutePath().toString()));
        }
        // stdin stays an open pipe for the trial's life: the trial stops when it closes, as it does when we die.
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(options.environment());
        // BLAS gets the trial's share of the cores from its first call; OpenMP (element-wise ops) one thread.
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        builder.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
        return builder.start();
    }
}
