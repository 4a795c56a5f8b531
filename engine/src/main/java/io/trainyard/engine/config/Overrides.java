package io.trainyard.engine.config;

import io.trainyard.api.TrainyardException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line assignments ({@code --set optimizer.lr=0.01}) applied to an experiment tree before it is validated.
 * Values are parsed as YAML, so numbers stay numbers and {@code [256, 128]} is a list.
 */
public final class Overrides {

    private Overrides() {
    }

    /** A copy of {@code tree} with each {@code key=value} applied in order. */
    public static Map<String, Object> apply(Map<String, Object> tree, List<String> assignments) {
        Map<String, Object> result = deepCopy(tree);
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new TrainyardException("--set '" + assignment + "' is not of the form key=value,"
                        + " e.g. --set optimizer.lr=0.01");
            }
            String key = assignment.substring(0, equals).trim();
            set(result, key, ExperimentFile.parseValue(assignment.substring(equals + 1).trim()));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> tree, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.", -1);
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map)) {
                throw new TrainyardException("--set " + dottedKey + ": '" + String.join(".", List.of(parts)
                        .subList(0, i + 1)) + "' is a value, not a section");
            }
            node = (Map<String, Object>) child;
        }
        if (parts[parts.length - 1].isEmpty()) {
            throw new TrainyardException("--set '" + dottedKey + "' has an empty key part");
        }
        node.put(parts[parts.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> tree) {
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map
                ? deepCopy((Map<String, Object>) map) : value));
        return copy;
    }
}
