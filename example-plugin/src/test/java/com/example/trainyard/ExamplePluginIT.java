package com.example.trainyard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.testkit.IdxFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, after packaging: this module's jar goes into a plugin directory and the real CLI runs in a child JVM
 * whose class path is the engine and the built-in plugins only, so the example can come from nowhere but the jar.
 */
class ExamplePluginIT {

    @TempDir
    Path directory;

    @Test
    void experimentUsesTheLossLayerAndCallbackFromThePluginDirectory() throws Exception {
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            Path jar = built.filter(path -> path.getFileName().toString().matches("trainyard-example-plugin-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("package the module first"));
            Files.copy(jar, plugins.resolve("example.jar"));
        }
        writeJarNamingAMissingClass(plugins.resolve("broken.jar"));
        Path data = IdxFiles.fashionMnist(directory.resolve("data"), 40, 20);
        Path experiment = Files.writeString(directory.resolve("hinge.yaml"), """
                name: hinge-from-a-jar
                seed: 1
                dataset: {name: fashion-mnist}
                model: {name: sequential, layers: [flatten, linear(16), swish(beta=1.5), linear]}
                loss: {name: multi-margin, margin: 1.0}
                optimizer: {name: sgd, lr: 0.01}
                batch_size: 10
                epochs: 3
                callbacks: [{name: stop-at-accuracy, target: 0.0}]
                """);

        Result listed = cli("plugins", "multi-margin", "--plugins", plugins.toString());
        assertEquals(0, listed.exitCode(), listed.output());
        assertTrue(listed.output().contains("from " + plugins.resolve("example.jar")), listed.output());

        Result run = cli("run", experiment.toString(), "--plugins", plugins.toString(), "--data", data.toString(),
                "--store", directory.resolve("store").toString());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("warning: skipped a plugin that failed to load from "
                + plugins.resolve("broken.jar")), run.output());
        assertTrue(run.output().contains("Swish(beta=1.5)"), run.output());
        assertTrue(run.output().contains("stop-at-accuracy: "), run.output());
        assertTrue(run.output().contains("FINISHED"), run.output());
        assertEquals(1, run.output().lines().filter(line -> line.startsWith("Test Error")).count(), run.output());
    }

    /** A jar whose services file names a class it does not contain. */
    private static void writeJarNamingAMissingClass(Path jar) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/io.trainyard.api.loss.LossFactory"));
            out.write("com.example.Missing\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result cli(String... arguments) throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(target))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, "io.trainyard.engine.cli.Main"));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(directory, "cli", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Trainyard keeps copies of the data it reads in its cache: this test's, not the user's.
        builder.environment().put("TRAINYARD_CACHE", directory.resolve("cache").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the CLI did not finish");
        return new Result(process.exitValue(), Files.readString(log));
    }
}
