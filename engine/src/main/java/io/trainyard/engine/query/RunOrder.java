package io.trainyard.engine.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ordering of runs, e.g. {@code metrics.test_accuracy desc}: a field as filters name it, then {@code asc} (the
 * default) or {@code desc}. Runs without the value come last either way; ties keep newest first.
 */
public record RunOrder(Field field, boolean descending) {

    public static final RunOrder NEWEST_FIRST = new RunOrder(new Field(Field.Scope.ATTRIBUTE, "start", null), true);

    public static RunOrder parse(String text) {
        String[] words = text.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
            throw new FilterSyntaxException("order", text, 0, "write a field and optionally asc or desc, e.g."
                    + " metrics.test_accuracy desc");
        }
        boolean descending = false;
        if (words.length == 2) {
            switch (words[1].toLowerCase(Locale.ROOT)) {
                case "asc" -> descending = false;
                case "desc" -> descending = true;
                default -> throw new FilterSyntaxException("order", text, text.indexOf(words[1]),
                        "expected asc or desc, found '" + words[1] + "'");
            }
        }
        return new RunOrder(FilterParser.field("order", text, text.indexOf(words[0]), words[0]), descending);
    }

    /** The ORDER BY list, newest first among equals. */
    public SqlFragment sql() {
        String direction = descending ? " DESC NULLS LAST" : " ASC NULLS LAST";
        List<Object> parameters = new ArrayList<>();
        String key = switch (field.scope()) {
            case ATTRIBUTE -> field.attribute().column() + direction;
            case PARAM -> {
                parameters.add(field.name());
                parameters.add(field.name());
                yield "(SELECT p.num_value FROM params p WHERE p.run_id = r.id AND p.param_key = ?)" + direction
                        + ", (SELECT p.text_value FROM params p WHERE p.run_id = r.id AND p.param_key = ?)"
                        + direction;
            }
            case METRIC -> {
                parameters.add(field.name());
                yield "(SELECT s." + field.aggregate() + "_value FROM metric_summaries s WHERE s.run_id = r.id"
                        + " AND s.metric = ?)" + direction;
            }
            case TAG -> {
                parameters.add(field.name());
                yield "(SELECT t.tag_value FROM tags t WHERE t.run_id = r.id AND t.tag_key = ?)" + direction;
            }
        };
        return new SqlFragment(key + ", r.start_time DESC, r.id DESC", parameters);
    }
}
