package io.trainyard.engine.text;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Values as YAML flow text, the syntax of experiment files and {@code --set}: how a sweep writes a trial's values, how
 * the store keeps list params and lists of facts, and how they are read back (doubles bit for bit).
 */
public final class YamlText {

    private YamlText() {
    }

    /** One line of flow YAML, e.g. {@code [512, 512]} or {@code [a, 'b, c']}. */
    public static String write(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(value).trim();
    }

    /** Texts as one line of flow YAML, each double-quoted so that it reads back as the same text ("1.10" too). */
    public static String writeTexts(java.util.List<String> texts) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(texts).trim();
    }

    /** A loader that builds only plain values (no arbitrary classes), refuses duplicate keys and alias bombs. */
    public static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        return new Yaml(new SafeConstructor(options));
    }
}
