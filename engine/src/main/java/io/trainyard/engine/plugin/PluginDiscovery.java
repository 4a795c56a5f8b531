package io.trainyard.engine.plugin;

import io.trainyard.api.Plugin;
import io.trainyard.api.TrainyardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}, the only way the engine learns about them: first the built-in ones on
 * the class path, then each jar of the plugin directories, every jar with a class loader of its own so that two
 * plugins cannot clash over a library version. A provider or jar that fails to load (a missing class, a bad services
 * entry, a throwing constructor, a corrupt file) becomes a {@link LoadFailure} and the rest still load; two plugins
 * of one kind with the same name are an error naming both origins.
 */
public final class PluginDiscovery {

    /** ServiceLoader's iterator recovers after most errors; this bounds the rare case where it cannot. */
    private static final int MAX_FAILURES_PER_KIND = 1000;

    static final String BUILT_IN = "built-in";

    private final ClassLoader classLoader;
    private final List<Path> pluginDirectories;

    public PluginDiscovery(ClassLoader classLoader) {
        this(classLoader, List.of());
    }

    public PluginDiscovery(ClassLoader classLoader, List<Path> pluginDirectories) {
        this.classLoader = classLoader;
        this.pluginDirectories = List.copyOf(pluginDirectories);
    }

    /** A class loader and the name its plugins are reported under. */
    private record Source(String origin, ClassLoader loader) {
    }

    public PluginRegistry discover() {
        List<LoadFailure> failures = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(BUILT_IN, classLoader));
        for (Path jar : jars()) {
            try {
                requireReadable(jar);
                sources.add(new Source(jar.toString(), new PluginJarLoader(jar, classLoader)));
            } catch (IOException e) {
                failures.add(new LoadFailure(jar.toString(), "not a readable jar file (" + e.getMessage() + ")"));
            }
        }
        List<PluginDescriptor> plugins = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            Map<String, PluginDescriptor> byName = new LinkedHashMap<>();
            for (Source source : sources) {
                for (PluginDescriptor descriptor : load(kind, source, failures)) {
                    PluginDescriptor clash = byName.putIfAbsent(descriptor.name(), descriptor);
                    if (clash != null) {
                        throw new TrainyardException("two " + kind.label() + " plugins are named '"
                                + descriptor.name() + "': " + clash.className() + " (" + clash.origin() + ") and "
                                + descriptor.className() + " (" + descriptor.origin() + "); remove one of them");
                    }
                }
            }
            plugins.addAll(byName.values());
        }
        return new PluginRegistry(plugins, failures);
    }

    private static List<PluginDescriptor> load(PluginKind kind, Source source, List<LoadFailure> failures) {
        List<PluginDescriptor> found = new ArrayList<>();
        Iterator<? extends Plugin> providers = ServiceLoader.load(kind.serviceType(), source.loader()).iterator();
        int kindFailures = 0;
        while (kindFailures < MAX_FAILURES_PER_KIND) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(new PluginDescriptor(kind, providers.next(), source.origin()));
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(new LoadFailure(source.origin(), "a " + kind.label() + " plugin: " + describe(e)));
                kindFailures++;
            }
        }
        return found;
    }

    /** Opening a jar once finds a corrupt file here, before ServiceLoader fails on it once per plugin kind. */
    private static void requireReadable(Path jar) throws IOException {
        new JarFile(jar.toFile()).close();
    }

    /** The jars of every plugin directory, each directory's in name order. */
    private List<Path> jars() {
        List<Path> jars = new ArrayList<>();
        for (Path directory : pluginDirectories) {
            if (!Files.isDirectory(directory)) {
                throw new TrainyardException("plugin directory " + directory + " does not exist; create it or fix"
                        + " --plugins / TRAINYARD_PLUGINS");
            }
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new TrainyardException("cannot list plugin directory " + directory + ": " + e.getMessage(), e);
            }
        }
        return jars;
    }

    private static String describe(Throwable error) {
        StringBuilder reason = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            reason.append(": ").append(cause);
        }
        return reason.toString();
    }
}
