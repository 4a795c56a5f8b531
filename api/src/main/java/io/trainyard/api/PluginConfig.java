package io.trainyard.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated settings of one plugin: every declared hyperparameter with the value from the experiment file or its
 * default. Values are already of the declared type, so the getters only convert between number widths.
 */
public final class PluginConfig {

    private final String pluginName;
    private final Map<String, Object> values;

    public PluginConfig(String pluginName, Map<String, Object> values) {
        this.pluginName = pluginName;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * A plugin's declared defaults with some values replaced, for tests and for building plugins from code. The
     * values are taken as given: only the engine checks types and ranges.
     */
    public static PluginConfig withDefaults(Plugin plugin, Map<String, ?> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (HyperParameter parameter : plugin.hyperParameters()) {
            values.put(parameter.name(), parameter.defaultValue());
        }
        for (String key : overrides.keySet()) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("plugin '" + plugin.name() + "' declares no hyperparameter '"
                        + key + "'; it declares " + values.keySet());
            }
        }
        values.putAll(overrides);
        return new PluginConfig(plugin.name(), values);
    }

    public String pluginName() {
        return pluginName;
    }

    /** Every setting, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public double getDouble(String key) {
        return ((Number) require(key)).doubleValue();
    }

    public int getInt(String key) {
        return Math.toIntExact(((Number) require(key)).longValue());
    }

    public long getLong(String key) {
        return ((Number) require(key)).longValue();
    }

    public boolean getBoolean(String key) {
        return (Boolean) require(key);
    }

    /** The string value, or {@code null} when the setting is optional and not given. */
    public String getString(String key) {
        return (String) values.get(key);
    }

    public List<Long> getLongList(String key) {
        @SuppressWarnings("unchecked")
        List<Long> list = (List<Long>) require(key);
        return list;
    }

    /** The list of numbers, or {@code null} when the setting is optional and not given. */
    public List<Double> getDoubleList(String key) {
        @SuppressWarnings("unchecked")
        List<Double> list = (List<Double>) values.get(key);
        return list;
    }

    public List<String> getStringList(String key) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) require(key);
        return list;
    }

    private Object require(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("plugin '" + pluginName + "' has no value for '" + key + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return pluginName + values;
    }
}
