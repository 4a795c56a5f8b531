package io.trainyard.plugins.model;

import io.trainyard.api.TrainyardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One layer as written in an experiment file: {@code relu}, {@code linear(128)},
 * {@code conv2d(16 kernel_size=3 padding=1)}. Arguments are positional or {@code key=value}, separated by spaces or
 * commas (spaces keep a YAML flow list such as {@code [flatten, linear(64), relu]} unambiguous).
 */
record LayerSpec(String where, String name, List<String> positional, Map<String, String> named) {

    private static final Pattern SHAPE = Pattern.compile("\\s*([a-z0-9-]+)\\s*(?:\\((.*)\\))?\\s*");

    static LayerSpec parse(String where, String text) {
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            throw new TrainyardException(where + ": cannot read layer '" + text + "'; write a layer as name or"
                    + " name(arguments), e.g. relu, linear(128), conv2d(16 kernel_size=3 padding=1)");
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        String arguments = matcher.group(2) == null ? "" : matcher.group(2).trim();
        for (String argument : arguments.isEmpty() ? new String[0] : arguments.split("[\\s,]+")) {
            int equals = argument.indexOf('=');
            if (equals < 0) {
                if (!named.isEmpty()) {
                    throw new TrainyardException(where + ": positional argument '" + argument + "' after named ones"
                            + " in '" + text + "'");
                }
                positional.add(argument);
            } else if (named.put(argument.substring(0, equals), argument.substring(equals + 1)) != null) {
                throw new TrainyardException(where + ": argument '" + argument.substring(0, equals)
                        + "' given twice in '" + text + "'");
            }
        }
        return new LayerSpec(where, matcher.group(1), List.copyOf(positional), Map.copyOf(named));
    }
}
