package io.trainyard.engine;

import io.trainyard.engine.tracking.StoreLocation;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What the command line decides about the engine before it is wired.
 *
 * @param store where runs are recorded
 * @param cacheDirectory where datasets keep downloaded files
 * @param console where the user reads progress and reports
 */
public record EngineOptions(StoreLocation store, Path cacheDirectory, PrintStream console) {

    /** {@code TRAINYARD_CACHE}, else {@code $XDG_CACHE_HOME/trainyard}, else {@code ~/.cache/trainyard}. */
    public static Path defaultCacheDirectory(java.util.Map<String, String> environment) {
        String explicit = environment.get("TRAINYARD_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("trainyard");
    }
}
