package io.trainyard.engine;

import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.StoreLocation;
import java.io.PrintStream;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the command line decides about the engine before it is wired.
 *
 * @param store where runs are recorded
 * @param cacheDirectory where datasets keep downloaded files
 * @param console where the user reads progress and reports
 * @param pluginDirectories directories whose jars hold more plugins
 * @param heartbeat how often a training process confirms in the store that it is alive
 * @param environment the environment the command reads its settings from, passed on to the processes it starts
 * @param trains whether the command trains (and so writes much): its process compacts the store's file on close,
 *     once the file is mostly dead space
 */
public record EngineOptions(StoreLocation store, Path cacheDirectory, PrintStream console,
        List<Path> pluginDirectories, Heartbeat heartbeat, Map<String, String> environment, boolean trains) {

    /** {@code --plugins} when given, else the directories listed in {@code TRAINYARD_PLUGINS}. */
    public static List<Path> pluginDirectories(List<Path> option, Map<String, String> environment) {
        if (option != null && !option.isEmpty()) {
            return List.copyOf(option);
        }
        String listed = environment.get("TRAINYARD_PLUGINS");
        if (listed == null || listed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(listed.split(File.pathSeparator)).filter(entry -> !entry.isBlank()).map(Path::of)
                .toList();
    }

    /** {@code TRAINYARD_CACHE}, else {@code $XDG_CACHE_HOME/trainyard}, else {@code ~/.cache/trainyard}. */
    public static Path defaultCacheDirectory(Map<String, String> environment) {
        String explicit = environment.get("TRAINYARD_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("trainyard");
    }
}
