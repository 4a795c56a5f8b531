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
