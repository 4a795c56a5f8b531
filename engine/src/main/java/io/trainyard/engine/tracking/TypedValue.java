package io.trainyard.engine.tracking;

import io.trainyard.engine.text.YamlText;
import java.math.BigInteger;
import java.util.List;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * How a param value is stored: a type tag, a number for numbers and booleans (1/0) so they compare numerically, and
 * a text form for display, strings and lists. Lists are YAML flow text ({@code [512, 512]}), the syntax the
 * experiment file used, so they come back as the same typed list.
 */
record TypedValue(String type, Double number, String text) {

    /** One loader a thread: a loader is not thread-safe, and making one costs more than reading a list. */
    private static final ThreadLocal<Yaml> LOADER = ThreadLocal.withInitial(YamlText::loader);

    static TypedValue of(Object value) {
        if (value == null) {
            return new TypedValue("null", null, null);
        }
        if (value instanceof Boolean bool) {
            return new TypedValue("boolean", bool ? 1.0 : 0.0, bool.toString());
        }
        if (value instanceof Long || value instanceof Integer) {
            return new TypedValue("integer", ((Number) value).doubleValue(), value.toString());
        }
        if (value instanceof Number number) {
            return new TypedValue("decimal", number.doubleValue(), number.toString());
        }
        if (value instanceof List<?> list) {
            return new TypedValue("list", null, YamlText.write(list));
        }
        return new TypedValue("string", null, value.toString());
    }

    /** The value as the experiment had it: integers as {@code Long}, lists typed element by element. */
    Object value() {
        return switch (type) {
            case "integer" -> number.longValue();
            case "decimal" -> number;
            case "boolean" -> number != 0;
            case "null" -> null;
            case "list" -> list(text);
            default -> text;
        };
    }

    /** Lists recorded before they were YAML (strings unquoted) stay text when they cannot be read as a list. */
    private static Object list(String text) {
        try {
            Object read = LOADER.get().load(text);
            return read instanceof List<?> ? normalise(read) : text;
        } catch (YAMLException e) {
            return text;
        }
    }

    private static Object normalise(Object value) {
        if (value instanceof Integer || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TypedValue::normalise).toList();
        }
        return value;
    }
}
