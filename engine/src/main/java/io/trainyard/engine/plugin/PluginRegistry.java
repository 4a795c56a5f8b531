package io.trainyard.engine.plugin;

import io.trainyard.api.Plugin;
import io.trainyard.api.TrainyardException;
import io.trainyard.engine.text.Suggestion;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every discovered plugin, by kind and name, plus the providers that failed to load. */
public final class PluginRegistry {

    private final List<PluginDescriptor> plugins;
    private final List<LoadFailure> failures;

    public PluginRegistry(List<PluginDescriptor> plugins, List<LoadFailure> failures) {
        this.plugins = plugins.stream()
                .sorted(Comparator.comparing(PluginDescriptor::kind).thenComparing(PluginDescriptor::name))
                .toList();
        this.failures = List.copyOf(failures);
    }

    public List<PluginDescriptor> all() {
        return plugins;
    }

    public List<PluginDescriptor> ofKind(PluginKind kind) {
        return plugins.stream().filter(p -> p.kind() == kind).toList();
    }

    public List<LoadFailure> failures() {
        return failures;
    }

    public Optional<PluginDescriptor> find(PluginKind kind, String name) {
        return plugins.stream().filter(p -> p.kind() == kind && p.name().equals(name)).findFirst();
    }

    /** The plugin, or an error listing the available names of that kind. */
    public PluginDescriptor require(PluginKind kind, String name) {
        List<String> available = ofKind(kind).stream().map(PluginDescriptor::name).toList();
        return find(kind, name).orElseThrow(() -> new TrainyardException("unknown " + kind.label() + " '" + name
                + "'" + Suggestion.hint(name, available) + "; available: " + String.join(", ", available)
                + " (see 'trainyard plugins')"));
    }

    /** Every plugin with this name, whatever its kind; an error with a suggestion when there is none. */
    public List<PluginDescriptor> named(String name) {
        List<PluginDescriptor> matches = plugins.stream().filter(p -> p.name().equals(name)).toList();
        if (matches.isEmpty()) {
            List<String> names = plugins.stream().map(PluginDescriptor::name).distinct().sorted().toList();
            throw new TrainyardException("no plugin is named '" + name + "'" + Suggestion.hint(name, names)
                    + "; 'trainyard plugins' lists them all");
        }
        return matches;
    }

    /** The factory of a known plugin, typed by its service interface. */
    public <T extends Plugin> T factory(PluginKind kind, String name, Class<T> type) {
        return type.cast(require(kind, name).plugin());
    }
}
