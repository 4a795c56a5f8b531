package io.trainyard.api;

import java.util.List;
import java.util.Objects;

/**
 * One hyperparameter a plugin declares: its key in the experiment file, type, default and valid range. The engine
 * uses the declarations to validate an experiment before building anything, to fill in and record defaults, and to
 * document the plugin in {@code trainyard plugins}.
 *
 * @param name key inside the plugin's section of the experiment file, e.g. {@code lr}
 * @param type the value's type; integers given where a decimal is expected are accepted
 * @param defaultValue the value used when the file omits the key; {@code null} means optional with no default
 * @param range valid interval for numbers (each element of an integer list); {@link Range#any()} otherwise
 * @param description one line for the user
 */
public record HyperParameter(String name, Type type, Object defaultValue, Range range, String description) {

    /** The value types an experiment file can carry. */
    public enum Type {
        INTEGER, DECIMAL, BOOLEAN, STRING, INTEGER_LIST, DECIMAL_LIST, STRING_LIST;

        /** Lower-case name for messages and listings, e.g. {@code integer-list}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public HyperParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(description, "description");
    }

    public static HyperParameter decimal(String name, double defaultValue, Range range, String description) {
        return new HyperParameter(name, Type.DECIMAL, defaultValue, range, description);
    }

    public static HyperParameter integer(String name, long defaultValue, Range range, String description) {
        return new HyperParameter(name, Type.INTEGER, defaultValue, range, description);
    }

    public static HyperParameter bool(String name, boolean defaultValue, String description) {
        return new HyperParameter(name, Type.BOOLEAN, defaultValue, Range.any(), description);
    }

    /** A string; {@code defaultValue} may be {@code null} for an optional setting such as a path. */
    public static HyperParameter string(String name, String defaultValue, String description) {
        return new HyperParameter(name, Type.STRING, defaultValue, Range.any(), description);
    }

    public static HyperParameter integerList(String name, List<Long> defaultValue, Range eachInRange,
            String description) {
        return new HyperParameter(name, Type.INTEGER_LIST, List.copyOf(defaultValue), eachInRange, description);
    }

    /** A list of numbers; {@code defaultValue} may be {@code null} for an optional list such as class weights. */
    public static HyperParameter decimalList(String name, List<Double> defaultValue, Range eachInRange,
            String description) {
        return new HyperParameter(name, Type.DECIMAL_LIST, defaultValue == null ? null : List.copyOf(defaultValue),
                eachInRange, description);
    }

    /** A list of strings, such as layer specifications. */
    public static HyperParameter stringList(String name, List<String> defaultValue, String description) {
        return new HyperParameter(name, Type.STRING_LIST, List.copyOf(defaultValue), Range.any(), description);
    }
}
