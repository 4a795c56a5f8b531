package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on the class path {@code ./trainyard} runs with (the runtime scope the build writes to
 * {@code target/classpath.txt}), not the tests' own: a library that only tests declare must not hide one the program
 * needs at run time, as test-scoped Gson once hid the Gson Flyway loads when it creates a store.
 */
class LauncherClassPathTest {

    @Test
    void aNewStoreIsCreatedAndListedOnTheLaunchersClassPath(@TempDir Path directory) throws Exception {
        String plugins = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("trainyard-plugins") || entry.contains("plugins/target/classes"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
        String classPath = String.join(java.io.File.pathSeparator, Path.of("target", "classes").toString(), plugins,
                Files.readString(Path.of("target", "classpath.txt")).trim());
        Path output = directory.resolve("out.txt");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, Main.class.getName(), "runs", "--store",
                directory.resolve("store").toString(), "--format", "json"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.waitFor(120, TimeUnit.SECONDS);
        String printed = Files.readString(output);
        assertEquals(0, process.exitValue(), printed);
        assertEquals(0, JsonParser.parseString(printed).getAsJsonArray().size(), printed);
    }
}
