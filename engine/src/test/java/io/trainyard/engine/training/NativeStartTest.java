package io.trainyard.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.config.ND4JSystemProperties;

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
        List<String> lines = probe();
        assertEquals(List.of("libextnet before: false",
                "after begin: [libextnet.so, libjimage.so, libnet.so, libzip.so]", "started"),
                lines.subList(lines.size() - 4, lines.size() - 1), String.join("\n", lines));
    }

    /**
     * The report formats the memory size, the process's first formatted number (the probe formats none): locale data
     * are loaded for it only when the user asks for the report.
     */
    @Test
    void nd4jSkipsItsStartUpReportUnlessTheUserAsksForIt() throws Exception {
        String classLoading = "-Xlog:class+load=info";
        List<String> quiet = probe(classLoading);
        assertEquals("start-up report: false", report(quiet));
        assertFalse(formattedANumber(quiet), String.join("\n", quiet));
        List<String> asked = probe(classLoading, "-D" + ND4JSystemProperties.LOG_INITIALIZATION + "=true");
        assertEquals("start-up report: true", report(asked));
        assertTrue(formattedANumber(asked), String.join("\n", asked));
    }

    private static boolean formattedANumber(List<String> classLoading) {
        return classLoading.stream().anyMatch(line -> line.contains(" java.text.DecimalFormatSymbols "));
    }

    private static String report(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("start-up report: ")).findFirst().orElse("none");
    }

    /** Runs the probe in a JVM of its own and returns what it printed. */
    private List<String> probe(String... options) throws Exception {
        Path output = Files.createTempFile(directory, "probe", ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not finish: " + Files.readString(output));
        }
        return Files.readAllLines(output);
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
            System.out.println("start-up report: " + System.getProperty(ND4JSystemProperties.LOG_INITIALIZATION));
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
