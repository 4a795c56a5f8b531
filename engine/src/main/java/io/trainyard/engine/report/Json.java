package io.trainyard.engine.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** JSON literals (RFC 8259): escaped strings, numbers, booleans, null, lists as arrays and maps as objects. */
public final class Json {

    private Json() {
    }

    public static String value(Object value) {
        if (value == null || (value instanceof Double number && !Double.isFinite(number))) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Instant) {
            return string(TableWriter.raw(value));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Json::value).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(entry -> string(String.valueOf(entry.getKey())) + ": "
                    + value(entry.getValue())).collect(Collectors.joining(", ", "{", "}"));
        }
        return string(value.toString());
    }

    public static String string(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029' || c == '<') {
                        // '<' too, so that JSON embedded in an HTML page can never close its script element; the
                        // C1 controls too, so that the terminal filter passes the text through unchanged.
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
