package io.trainyard.engine.plugin;

import io.trainyard.api.Plugin;
import io.trainyard.api.TrainyardException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds plugins with {@link ServiceLoader}, the only way the engine learns about them. A provider that fails to load
 * (a missing class, a bad services entry, a throwing constructor) becomes a {@link LoadFailure} and the rest still
 * load; two plugins of one kind with the same name are an error naming both classes.
 */
public final class PluginDiscovery {

    /** ServiceLoader's iterator recovers after most errors; this bounds the rare case where it cannot. */
    private static final int MAX_FAILURES_PER_KIND = 1000;

    private final ClassLoader classLoader;

    public PluginDiscovery(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public PluginRegistry discover() {
        List<PluginDescriptor> plugins = new ArrayList<>();
        List<LoadFailure> failures = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            Map<String, PluginDescriptor> byName = new LinkedHashMap<>();
            Iterator<? extends Plugin> providers = ServiceLoader.load(kind.serviceType(), classLoader).iterator();
            int kindFailures = 0;
            while (kindFailures < MAX_FAILURES_PER_KIND) {
                Plugin plugin;
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    plugin = providers.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    failures.add(new LoadFailure(kind, describe(e)));
                    kindFailures++;
                    continue;
                }
                PluginDescriptor descriptor = new PluginDescriptor(kind, plugin, origin(plugin.getClass()));
                PluginDescriptor clash = byName.putIfAbsent(plugin.name(), descriptor);
                if (clash != null) {
                    throw new TrainyardException("two " + kind.label() + " plugins are named '" + plugin.name()
                            + "': " + clash.className() + " (" + clash.origin() + ") and " + descriptor.className()
                            + " (" + descriptor.origin() + "); remove one of them from the class path");
                }
            }
            plugins.addAll(byName.values());
        }
        return new PluginRegistry(plugins, failures);
    }

    private static String describe(Throwable error) {
        StringBuilder reason = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            reason.append(": ").append(cause);
        }
        return reason.toString();
    }

    static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location == null ? "unknown" : location.getPath();
    }
}
