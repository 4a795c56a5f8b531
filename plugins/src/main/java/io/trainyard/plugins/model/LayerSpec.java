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
 * commas (spaces keep a YAML flow list such as {@code [flatten, linear(64), relu]} unambiguous); a value with
 * several parts is written in parentheses, {@code kernel_size=(3 5)}.
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
        for (String argument : split(where, text, arguments)) {
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

    /** The arguments separated by spaces or commas outside parentheses; a parenthesised value stays whole. */
    private static List<String> split(String where, String text, String arguments) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int depth = 0;
        for (char c : arguments.toCharArray()) {
            if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                if (depth < 0 || depth > 1) {
                    throw new TrainyardException(where + ": unbalanced or nested parentheses in '" + text + "'");
                }
            }
            if (depth == 0 && (Character.isWhitespace(c) || c == ',')) {
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
            } else {
                part.append(c);
            }
        }
        if (depth != 0) {
            throw new TrainyardException(where + ": unbalanced parentheses in '" + text + "'");
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }
}
