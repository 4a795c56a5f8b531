package io.trainyard.engine.config;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.TrainyardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks one raw YAML value against a declared hyperparameter and converts it to the declared type. */
final class ValueChecker {

    private ValueChecker() {
    }

    /**
     * @param key the dotted key, for messages
     * @return the value as {@code Long}, {@code Double}, {@code Boolean}, {@code String} or a list of these
     */
    static Object check(String key, HyperParameter parameter, Object raw) {
        if (raw == null) {
            if (parameter.defaultValue() == null) {
                return null;
            }
            throw new TrainyardException(key + " needs a value (" + parameter.type().label() + "); remove the key"
                    + " to use the default " + parameter.defaultValue());
        }
        return switch (parameter.type()) {
            case INTEGER -> inRange(key, parameter, integer(key, raw, "an integer"));
            case DECIMAL -> inRange(key, parameter, decimal(key, raw));
            case BOOLEAN -> {
                if (!(raw instanceof Boolean)) {
                    throw mistyped(key, "true or false", raw);
                }
                yield raw;
            }
            case STRING -> string(key, raw, "a string");
            case STRING_LIST -> {
                List<String> values = new ArrayList<>();
                for (Object item : items(key, raw, "a non-empty list of strings such as [relu, flatten]")) {
                    values.add(string(key, item, "a list of strings; quote an item that holds a comma or a colon"));
                }
                yield List.copyOf(values);
            }
            case INTEGER_LIST -> {
                String expected = "a non-empty list of integers such as [512, 512]";
                List<Long> values = new ArrayList<>();
                for (Object item : items(key, raw, expected)) {
                    values.add(inRange(key, parameter, integer(key, item, expected)));
                }
                yield List.copyOf(values);
            }
            case DECIMAL_LIST -> {
                // A single number is a list of one, as PyTorch broadcasts a scalar where a tensor is expected.
                Object list = raw instanceof Number ? List.of(raw) : raw;
                List<Double> values = new ArrayList<>();
                for (Object item : items(key, list, "a non-empty list of numbers such as [1.0, 2.5]")) {
                    values.add(inRange(key, parameter, decimal(key, item)));
                }
                yield List.copyOf(values);
            }
        };
    }

    private static List<?> items(String key, Object raw, String expected) {
        if (!(raw instanceof List<?> items) || items.isEmpty()) {
            throw mistyped(key, expected, raw);
        }
        return items;
    }

    private static String string(String key, Object raw, String expected) {
        if (raw instanceof Map || raw instanceof List) {
            throw mistyped(key, expected, raw);
        }
        return String.valueOf(raw);
    }

    private static Long integer(String key, Object raw, String expected) {
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof java.math.BigInteger) {
            throw new TrainyardException(key + " = " + raw + " is too large");
        }
        throw mistyped(key, expected, raw);
    }

    private static Double decimal(String key, Object raw) {
        if (raw instanceof Number number) {
            return number.doubleValue();
        }
        // YAML 1.1 reads 1e-3 (no dot) as a string; accept it as the number the user meant.
        if (raw instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw mistyped(key, "a number", raw);
            }
        }
        throw mistyped(key, "a number", raw);
    }

    private static <T extends Number> T inRange(String key, HyperParameter parameter, T value) {
        if (!parameter.range().contains(value.doubleValue())) {
            throw new TrainyardException(key + " must be in " + parameter.range() + ", got " + value);
        }
        return value;
    }

    private static TrainyardException mistyped(String key, String expected, Object raw) {
        String shown = raw instanceof String ? "'" + raw + "'" : String.valueOf(raw);
        return new TrainyardException(key + " must be " + expected + ", got " + shown);
    }
}
