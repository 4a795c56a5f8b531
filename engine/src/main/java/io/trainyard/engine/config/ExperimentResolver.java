package io.trainyard.engine.config;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;
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

    /** The longest experiment name the store keeps. */
    public static final int NAME_LIMIT = 200;

    /** A name groups runs in every listing and report: printable text of sensible length. */
    public static boolean isValidName(String name) {
        return !name.isBlank() && name.length() <= NAME_LIMIT && name.codePoints().noneMatch(Character::isISOControl);
    }

    private static String checkName(String name) {
        if (!isValidName(name)) {
            throw new TrainyardException("name must be 1 to " + NAME_LIMIT + " characters, not blank and without"
                    + " control characters; got " + (name.length() > NAME_LIMIT ? name.length() + " characters"
                            : "'" + name.replaceAll("\\p{Cntrl}", "?") + "'") + "; set 'name:' in the file");
        }
        return name;
    }

    public Experiment resolve(ExperimentFile file, List<String> overrides) {
        Map<String, Object> tree = Overrides.apply(file.tree(), overrides);
        rejectUnknownTopLevelKeys(tree);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            HyperParameter declaration = setting.declaration();
            settings.put(setting.key(), ValueChecker.check(setting.key(), declaration,
                    tree.containsKey(setting.key()) ? tree.get(setting.key()) : declaration.defaultValue()));
        }
        String given = (String) settings.get(Setting.NAME.key());
        String name = checkName(given != null ? given : stem(file));
        long seed = tree.containsKey(Setting.SEED.key()) ? (Long) settings.get(Setting.SEED.key())
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
        return new Experiment(name, (String) settings.get(Setting.DESCRIPTION.key()), seed,
                intValue(settings, Setting.BATCH_SIZE), intValue(settings, Setting.EPOCHS),
                intValue(settings, Setting.EVAL_BATCH_SIZE), intValue(settings, Setting.LOG_EVERY),
                intValue(settings, Setting.THREADS), sections.get(0), sections.get(1), sections.get(2), sections.get(3),
                callbacks(tree.get(CALLBACKS)), file.path(), file.text());
    }

    private void rejectUnknownTopLevelKeys(Map<String, Object> tree) {
        Set<String> known = new LinkedHashSet<>();
        for (Setting setting : Setting.values()) {
            known.add(setting.key());
        }
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

    private static int intValue(Map<String, Object> settings, Setting setting) {
        return Math.toIntExact((Long) settings.get(setting.key()));
    }

    private static String stem(ExperimentFile file) {
        String fileName = file.path().getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
