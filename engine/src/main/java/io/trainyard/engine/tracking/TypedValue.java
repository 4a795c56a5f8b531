package io.trainyard.engine.tracking;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a param value is stored: a type tag, a number for numbers and booleans (1/0) so they compare numerically, and
 * a text form for display, strings and lists.
 */
record TypedValue(String type, Double number, String text) {

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
            return new TypedValue("list", null,
                    list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
        }
        return new TypedValue("string", null, value.toString());
    }
}
