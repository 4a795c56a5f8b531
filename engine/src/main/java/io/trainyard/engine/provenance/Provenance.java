package io.trainyard.engine.provenance;

import io.trainyard.engine.text.YamlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a run recorded about where its result came from, with the parts a rerun acts on typed: the command line's
 * overrides, the git checkout, every plugin. The store keeps provenance as flat facts ({@link #facts()}), and
 * {@link #of} reads them back to the same record, lists of text included (YAML flow text: an override with a comma,
 * a quote or a new line survives, as does a jar path with spaces). Facts written before that encoding are read too.
 *
 * @param facts every fact as stored, for display and for comparing two runs
 */
public record Provenance(List<String> overrides, Optional<GitState> git, List<PluginFact> plugins,
        Map<String, String> facts) {

    static final String OVERRIDES = "experiment.overrides";
    /** The main class of code of its own that recorded the run through the tracking API. */
    public static final String TRACKED_FROM = "tracking.main";
    static final String PLUGIN_PREFIX = "plugin.";

    /** A plugin that was installed when the run started. */
    public record PluginFact(String kind, String name, String version, String className, String origin) {

        String key() {
            return PLUGIN_PREFIX + kind + "." + name;
        }
    }

    public Provenance {
        overrides = List.copyOf(overrides);
        plugins = List.copyOf(plugins);
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** Reads stored facts back. */
    public static Provenance of(Map<String, String> facts) {
        List<String> overrides = textList(facts.get(OVERRIDES), "\n");
        Optional<GitState> git = facts.containsKey("git.commit") ? Optional.of(new GitState(facts.get("git.root"),
                facts.get("git.commit"), Boolean.parseBoolean(facts.get("git.dirty")), facts.get("git.diff_sha256")))
                : Optional.empty();
        List<PluginFact> plugins = new ArrayList<>();
        facts.forEach((key, value) -> {
            if (key.startsWith(PLUGIN_PREFIX)) {
                String[] kindAndName = key.substring(PLUGIN_PREFIX.length()).split("\\.", 2);
                List<String> parts = textList(value, " ");
                plugins.add(new PluginFact(kindAndName[0], kindAndName[1], part(parts, 0), part(parts, 1),
                        parts.size() > 2 ? String.join(" ", parts.subList(2, parts.size())) : ""));
            }
        });
        return new Provenance(overrides, git, plugins, facts);
    }

    /** The facts to store: {@code rest}, plus the typed parts in their encoding. */
    static Provenance of(List<String> overrides, Optional<GitState> git, List<PluginFact> plugins,
            Map<String, String> rest) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(OVERRIDES, YamlText.writeTexts(overrides));
        git.ifPresent(state -> {
            facts.put("git.root", state.root());
            facts.put("git.commit", state.commit());
            facts.put("git.dirty", Boolean.toString(state.dirty()));
            facts.put("git.diff_sha256", state.diffSha256());
        });
        facts.putAll(rest);
        for (PluginFact plugin : plugins) {
            facts.put(plugin.key(), YamlText.writeTexts(List.of(plugin.version(), plugin.className(),
                    plugin.origin())));
        }
        return new Provenance(overrides, git, plugins, facts);
    }

    /**
     * The facts as people read them, the same whichever encoding stored them: overrides separated by spaces, a
     * plugin as its version, class and origin.
     */
    public Map<String, String> readable() {
        Map<String, String> readable = new LinkedHashMap<>(facts);
        if (readable.containsKey(OVERRIDES)) {
            readable.put(OVERRIDES, String.join(" ", overrides));
        }
        for (PluginFact plugin : plugins) {
            readable.put(plugin.key(), plugin.version() + " " + plugin.className() + " " + plugin.origin());
        }
        return readable;
    }

    public Optional<PluginFact> plugin(String kind, String name) {
        return plugins.stream().filter(plugin -> plugin.kind().equals(kind) && plugin.name().equals(name)).findFirst();
    }

    /** A YAML list of text; text stored before lists were YAML is split where it used to be joined. */
    private static List<String> textList(String stored, String legacySeparator) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        if (stored.startsWith("[")) {
            try {
                Object read = YamlText.loader().load(stored);
                if (read instanceof List<?> list) {
                    return list.stream().map(String::valueOf).toList();
                }
            } catch (YAMLException e) {
                // not YAML: the older form
            }
        }
        return List.of(legacySeparator.equals(" ") ? stored.split(" ", 3) : stored.split(legacySeparator));
    }

    private static String part(List<String> parts, int index) {
        return parts.size() > index ? parts.get(index) : "";
    }
}
