package io.trainyard.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeStartTest {

    @TempDir
    Path directory;

    /**
     * In a JVM of its own, where nothing else loaded them: the libraries that deadlocked against JavaCPP's symbol
     * look-up when the store's server loaded them during ND4J's start, and the others a command's start loads, are
     * loaded by the time ND4J's thread starts.
     */
    @Test
    void theJdkLibrariesACommandLoadsAreLoadedBeforeNd4jStartsOnItsThread() throws Exception {
        Path output = directory.resolve("out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not finish: " + Files.readString(output));
        }
        List<String> lines = Files.readAllLines(output);
        assertEquals(List.of("libextnet before: false",
                "after begin: [libextnet.so, libjimage.so, libnet.so, libzip.so]", "started"),
                lines.subList(lines.size() - 3, lines.size()), String.join("\n", lines));
    }

    /** Lists the JDK libraries {@code begin()} loads that are mapped into its process, before and right after it. */
    public static final class Probe {

        public static void main(String[] args) throws Exception {
            System.out.println("libextnet before: " + libraries().contains("libextnet.so"));
            NativeStart start = new NativeStart();
            start.begin();
            System.out.println("after begin: " + libraries());
            start.await();
            System.out.println("started");
        }

        private static List<String> libraries() throws Exception {
            List<String> loaded = List.of("libnet.so", "libextnet.so", "libjimage.so", "libzip.so");
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.substring(line.lastIndexOf('/') + 1))
                    .filter(loaded::contains)
                    .distinct().sorted().toList();
        }
    }
}
