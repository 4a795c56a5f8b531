package io.trainyard.engine.config;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.engine.plugin.PluginDescriptor;
import io.trainyard.engine.plugin.PluginKind;
import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.text.Suggestion;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns an experiment file and command-line overrides into a validated {@link Experiment}: rejects unknown keys and
 * plugins, checks every value's type and range, fills in defaults and runs each plugin's own validation. Errors
 * name the dotted key and what to do.
 */
public final class ExperimentResolver {

    /** The settings outside any plugin section. {@code seed} has no default: a missing seed is drawn and recorded. */
    public static final List<HyperParameter> SETTINGS = List.of(
            HyperParameter.string("name", null, "experiment name (default: the file name)"),
            HyperParameter.string("description", null, "free text"),
            HyperParameter.integer("seed", 0, Range.atLeast(0), "root seed of every random source"),
            HyperParameter.integer("batch_size", 64, Range.closed(1, 1 << 20), "training batch size"),
            HyperParameter.integer("epochs", 1, Range.closed(1, 1_000_000), "number of epochs"),
            HyperParameter.integer("eval_batch_size", 1000, Range.closed(1, 1 << 20), "test loop batch size"),
            HyperParameter.integer("log_every", 100, Range.atLeast(1), "record the training loss every N batches"),
            HyperParameter.integer("threads", Runtime.getRuntime().availableProcessors(), Range.closed(1, 1024),
                    "BLAS threads (default: all cores)"));

    private static final List<PluginKind> SECTIONS =
            List.of(PluginKind.DATASET, PluginKind.MODEL, PluginKind.LOSS, PluginKind.OPTIMIZER);
    private static final String CALLBACKS = "callbacks";
    /** The block {@code trainyard sweep} reads; a single run's settings leave it aside. */
    public static final String SWEEP = "sweep";
    private static final String ENABLED = "enabled";

    private final PluginRegistry registry;

    @Inject
    public ExperimentResolver(PluginRegistry registry) {
        this.registry = registry;
    }

    public Experiment resolve(ExperimentFile file, List<String> overrides) {
        Map<String, Object> tree = Overrides.apply(file.tree(), overrides);
        rejectUnknownTopLevelKeys(tree);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (HyperParameter setting : SETTINGS) {
            settings.put(setting.name(), ValueChecker.check(setting.name(), setting,
                    tree.containsKey(setting.name()) ? tree.get(setting.name()) : setting.defaultValue()));
        }
        String name = settings.get("name") != null ? (String) settings.get("name") : stem(file);
        long seed = tree.containsKey("seed") ? (Long) settings.get("seed")
                : ThreadLocalRandom.current().nextLong(1L << 31);
        List<PluginChoice> sections = new ArrayList<>();
        for (PluginKind kind : SECTIONS) {
            Object section = tree.get(kind.label());
            if (section == null) {
                throw new TrainyardException("the experiment has no '" + kind.label() + "' section; add '"
                        + kind.label() + ": {name: ...}' naming one of: " + String.join(", ", names(kind)));
            }
            sections.add(choose(kind, kind.label(), section));
        }
        return new Experiment(name, (String) settings.get("description"), seed, intValue(settings, "batch_size"),
                intValue(settings, "epochs"), intValue(settings, "eval_batch_size"), intValue(settings, "log_every"),
                intValue(settings, "threads"), sections.get(0), sections.get(1), sections.get(2), sections.get(3),
                callbacks(tree.get(CALLBACKS)), file.path(), file.text());
    }

    private void rejectUnknownTopLevelKeys(Map<String, Object> tree) {
        Set<String> known = new LinkedHashSet<>();
        SETTINGS.forEach(setting -> known.add(setting.name()));
        SECTIONS.forEach(kind -> known.add(kind.label()));
        known.add(CALLBACKS);
        known.add(SWEEP);
        for (String key : tree.keySet()) {
            if (!known.contains(key)) {
                throw new TrainyardException("unknown key '" + key + "' in the experiment"
                        + Suggestion.hint(key, known) + "; known keys: " + String.join(", ", known));
            }
        }
    }

    private List<PluginChoice> callbacks(Object raw) {
        Map<String, PluginChoice> chosen = new LinkedHashMap<>();
        for (PluginDescriptor descriptor : registry.ofKind(PluginKind.CALLBACK)) {
            if (((CallbackFactory) descriptor.plugin()).enabledByDefault()) {
                chosen.put(descriptor.name(), configure(PluginKind.CALLBACK, CALLBACKS + "." + descriptor.name(),
                        descriptor.plugin(), Map.of()));
            }
        }
        if (raw == null) {
            return List.copyOf(chosen.values());
        }
        if (!(raw instanceof List<?> entries)) {
            throw new TrainyardException("callbacks must be a list, e.g. 'callbacks: [{name: console-progress}]'");
        }
        Set<String> listed = new LinkedHashSet<>();
        for (Object entry : entries) {
            Map<String, Object> section = new LinkedHashMap<>(section(CALLBACKS, entry));
            String name = String.valueOf(section.get("name"));
            if (!listed.add(name)) {
                throw new TrainyardException("callback '" + name + "' is listed twice; list it once");
            }
            Object enabled = section.remove(ENABLED);
            if (enabled != null && !(enabled instanceof Boolean)) {
                throw new TrainyardException(CALLBACKS + "." + name + ".enabled must be true or false");
            }
            chosen.remove(name);
            if (!Boolean.FALSE.equals(enabled)) {
                chosen.put(name, choose(PluginKind.CALLBACK, CALLBACKS + "." + name, section));
            } else {
                registry.require(PluginKind.CALLBACK, name);
            }
        }
        return List.copyOf(chosen.values());
    }

    private PluginChoice choose(PluginKind kind, String path, Object raw) {
        Map<String, Object> section = section(path, raw);
        String name = (String) section.get("name");
        Plugin plugin = registry.require(kind, name).plugin();
        Map<String, Object> given = new LinkedHashMap<>(section);
        given.remove("name");
        return configure(kind, path, plugin, given);
    }

    private static PluginChoice configure(PluginKind kind, String path, Plugin plugin, Map<String, Object> given) {
        Map<String, HyperParameter> declared = new LinkedHashMap<>();
        plugin.hyperParameters().forEach(parameter -> declared.put(parameter.name(), parameter));
        for (String key : given.keySet()) {
            if (!declared.containsKey(key)) {
                throw new TrainyardException("unknown key " + path + "." + key + " for " + kind.label() + " '"
                        + plugin.name() + "'" + Suggestion.hint(key, declared.keySet()) + "; its keys are: "
                        + (declared.isEmpty() ? "(none)" : String.join(", ", declared.keySet())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (HyperParameter parameter : declared.values()) {
            Object raw = given.containsKey(parameter.name()) ? given.get(parameter.name()) : parameter.defaultValue();
            values.put(parameter.name(), ValueChecker.check(path + "." + parameter.name(), parameter, raw));
        }
        PluginConfig config = new PluginConfig(plugin.name(), values);
        plugin.validate(config);
        return new PluginChoice(kind, config);
    }

    /** A plugin section is a mapping with a {@code name}, or just the name as shorthand. */
    private static Map<String, Object> section(String path, Object raw) {
        if (raw instanceof String name) {
            return Map.of("name", name);
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new TrainyardException(path + " must be a plugin name or a mapping with a 'name' key, got " + raw);
        }
        Map<String, Object> section = new LinkedHashMap<>();
        map.forEach((key, value) -> section.put(String.valueOf(key), value));
        if (!(section.get("name") instanceof String)) {
            throw new TrainyardException(path + " has no 'name'; add e.g. 'name: ...' naming a plugin"
                    + " (see 'trainyard plugins')");
        }
        return section;
    }

    private List<String> names(PluginKind kind) {
        return registry.ofKind(kind).stream().map(PluginDescriptor::name).toList();
    }

    private static int intValue(Map<String, Object> settings, String key) {
        return Math.toIntExact((Long) settings.get(key));
    }

    private static String stem(ExperimentFile file) {
        String fileName = file.path().getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
