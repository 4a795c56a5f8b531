package io.trainyard.engine.testing;

import io.trainyard.engine.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The real CLI in a child JVM, for tests of what happens to a store when processes are killed or run together. */
public final class TrainingProcess {

    private final Process process;
    private final Path output;

    private TrainingProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code trainyard ARGS...}, its output going to {@code output}. */
    public static TrainingProcess start(Path output, Map<String, String> environment, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new TrainingProcess(builder.start(), output);
    }

    public Process process() {
        return process;
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    /** Waits until the store's first run directory has at least {@code epochs} epochs in its CSV file. */
    public static void awaitEpochs(Path store, int epochs, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Path run = firstRunDirectory(store);
            if (run != null && Files.exists(run.resolve("epochs.csv"))
                    && Files.readAllLines(run.resolve("epochs.csv")).size() > epochs) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + epochs + " epochs recorded within " + timeout);
    }

    /** The run folder of the only (or first listed) run in a store, or null before it exists. */
    public static Path firstRunDirectory(Path store) throws IOException {
        Path runs = store.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> list = Files.list(runs)) {
            return list.findFirst().orElse(null);
        }
    }
}
