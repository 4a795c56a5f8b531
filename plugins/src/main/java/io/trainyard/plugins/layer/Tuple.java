package io.trainyard.plugins.layer;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A value with several parts as a layer list writes it, {@code (3 5)} or {@code (3, 5)}; a value without
 * parentheses is a tuple of one. The one reading of this notation, for list hyperparameters and for settings such as
 * conv2d's padding that are a tuple or a word.
 */
public final class Tuple {

    private Tuple() {
    }

    /** The parts of {@code text}: {@code "(3 5)"} gives 3 and 5, {@code "3"} gives 3. */
    public static List<String> parts(String text) {
        return List.of(text.trim().replaceAll("^\\((.*)\\)$", "$1").trim().split("[\\s,]+"));
    }

    /** How a layer list writes {@code values}: one value as itself, several in parentheses. */
    public static String written(List<?> values) {
        return values.size() == 1 ? String.valueOf(values.get(0))
                : values.stream().map(String::valueOf).collect(Collectors.joining(" ", "(", ")"));
    }
}
