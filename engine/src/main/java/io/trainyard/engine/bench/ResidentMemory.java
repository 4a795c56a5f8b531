package io.trainyard.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory as Linux reports it ({@code VmRSS}); "-" where there is no {@code /proc}. */
final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    static String megabytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    long kilobytes = Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                    return Long.toString(Math.round(kilobytes / 1024.0));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or a format this does not know: the figure is left out, not guessed.
        }
        return "-";
    }
}
