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
     * look-up when the store's server loaded them during ND4J's start are loaded by the time ND4J's thread starts.
     */
    @Test
    void theNetworkingLibrariesAreLoadedBeforeNd4jStartsOnItsThread() throws Exception {
        Path output = directory.resolve("out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not finish: " + Files.readString(output));
        }
        List<String> lines = Files.readAllLines(output);
        assertEquals(List.of("libextnet before: false", "after begin: [libextnet.so, libnet.so]", "started"),
                lines.subList(lines.size() - 3, lines.size()), String.join("\n", lines));
    }

    /** Lists the JDK networking libraries mapped into its process before and right after {@code begin()}. */
    public static final class Probe {

        public static void main(String[] args) throws Exception {
            System.out.println("libextnet before: " + networking().contains("libextnet.so"));
            NativeStart start = new NativeStart();
            start.begin();
            System.out.println("after begin: " + networking());
            start.await();
            System.out.println("started");
        }

        private static List<String> networking() throws Exception {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.substring(line.lastIndexOf('/') + 1))
                    .filter(name -> name.equals("libnet.so") || name.equals("libextnet.so"))
                    .distinct().sorted().toList();
        }
    }
}
