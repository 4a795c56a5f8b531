package io.trainyard.engine.query;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.query.Filter.Comparison;
import io.trainyard.engine.query.Filter.Operator;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/** Translates a {@link Filter} into a parameterised SQL condition over runs. */
public final class FilterSql {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private FilterSql() {
    }

    public static SqlFragment where(Filter filter) {
        FilterSql translation = new FilterSql();
        translation.append(filter);
        return new SqlFragment(translation.sql.toString(), translation.parameters);
    }

    private void append(Filter filter) {
        if (filter instanceof Filter.And || filter instanceof Filter.Or) {
            chain(filter);
        } else if (filter instanceof Filter.Not not) {
            sql.append("NOT (");
            append(not.operand());
            sql.append(')');
        } else {
            comparison((Comparison) filter);
        }
    }

    /**
     * {@code a or b or c} as one flat {@code (a OR b OR c)}: the parser builds a chain as nested pairs, and nested
     * parentheses a thousand deep would overflow the database's parser.
     */
    private void chain(Filter filter) {
        Class<? extends Filter> kind = filter.getClass();
        Deque<Filter> operands = new ArrayDeque<>();
        Filter left = filter;
        while (left.getClass() == kind) {
            operands.push(right(left));
            left = left(left);
        }
        operands.push(left);
        String operator = filter instanceof Filter.And ? " AND " : " OR ";
        sql.append('(');
        boolean first = true;
        for (Filter operand : operands) {
            sql.append(first ? "" : operator);
            append(operand);
            first = false;
        }
        sql.append(')');
    }

    private static Filter left(Filter pair) {
        return pair instanceof Filter.And and ? and.left() : ((Filter.Or) pair).left();
    }

    private static Filter right(Filter pair) {
        return pair instanceof Filter.And and ? and.right() : ((Filter.Or) pair).right();
    }

    /** A missing param, metric or tag satisfies no comparison, {@code !=} included; {@code not} then holds. */
    private void comparison(Comparison comparison) {
        Field field = comparison.field();
        switch (field.scope()) {
            case ATTRIBUTE -> attribute(comparison, field.attribute());
            case PARAM -> {
                sql.append("EXISTS (SELECT 1 FROM params p WHERE p.run_id = r.id AND p.param_key = ? AND ");
                parameters.add(field.name());
                anyOf(comparison, value -> value instanceof String ? "p.text_value"
                        : value instanceof Boolean ? "CASE WHEN p.value_type = 'boolean' THEN p.num_value END"
                        : "CASE WHEN p.value_type IN ('integer', 'decimal') THEN p.num_value END");
                sql.append(')');
            }
            case METRIC -> {
                sql.append("EXISTS (SELECT 1 FROM metric_summaries s WHERE s.run_id = r.id AND s.metric = ? AND ");
                parameters.add(field.name());
                requireNumbers(comparison);
                anyOf(comparison, value -> "s." + field.aggregate() + "_value");
                sql.append(')');
            }
            case TAG -> {
                sql.append("EXISTS (SELECT 1 FROM tags t WHERE t.run_id = r.id AND t.tag_key = ? AND ");
                parameters.add(field.name());
                anyOf(comparison.field(), comparison.operator(), text(comparison.values()), value -> "t.tag_value");
                sql.append(')');
            }
        }
    }

    private void attribute(Comparison comparison, Field.Attribute attribute) {
        List<Object> values = switch (attribute.kind()) {
            case NUMBER -> {
                requireNumbers(comparison);
                yield comparison.values();
            }
            case TIME -> comparison.values().stream().map(value -> (Object) time(comparison.field(), value)).toList();
            case TEXT -> attribute == Field.Attribute.STATUS
                    ? text(comparison.values()).stream().map(v -> (Object) ((String) v).toUpperCase(Locale.ROOT))
                            .toList()
                    : text(comparison.values());
        };
        anyOf(comparison.field(), comparison.operator(), values, value -> attribute.column());
    }

    private interface Column {
        String of(Object value);
    }

    private void anyOf(Comparison comparison, Column column) {
        anyOf(comparison.field(), comparison.operator(), comparison.values(), column);
    }

    /**
     * {@code column op ?}; for {@code in}, {@code column IN (?, ...)} per kind of value (text and numbers live in
     * different columns of a param), one list however long.
     */
    private void anyOf(Field field, Operator operator, List<Object> values, Column column) {
        if (operator != Operator.IN) {
            single(field, operator, values.get(0), column);
            return;
        }
        Map<String, List<Object>> byColumn = new LinkedHashMap<>();
        for (Object value : values) {
            byColumn.computeIfAbsent(column.of(value), key -> new ArrayList<>()).add(value);
        }
        sql.append('(');
        boolean first = true;
        for (Map.Entry<String, List<Object>> list : byColumn.entrySet()) {
            sql.append(first ? "" : " OR ").append(list.getKey()).append(" IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(list.getValue().size(), "?"))).append(')');
            list.getValue().forEach(value -> parameters.add(bound(value)));
            first = false;
        }
        sql.append(')');
    }

    private void single(Field field, Operator operator, Object value, Column column) {
        if (operator == Operator.MATCHES) {
            if (!(value instanceof String pattern)) {
                throw new TrainyardException("filter: " + field + " ~ needs quoted text");
            }
            sql.append(column.of(value)).append(" LIKE ? ESCAPE '\\'");
            parameters.add(likePattern(pattern));
            return;
        }
        String symbol = operator == Operator.NOT_EQUAL ? "<>" : operator.symbol();
        sql.append(column.of(value)).append(' ').append(symbol).append(" ?");
        parameters.add(bound(value));
    }

    /** Booleans are stored as the numbers 1 and 0. */
    private static Object bound(Object value) {
        return value instanceof Boolean bool ? (bool ? 1.0 : 0.0) : value;
    }

    private static void requireNumbers(Comparison comparison) {
        for (Object value : comparison.values()) {
            if (!(value instanceof Double)) {
                throw new TrainyardException("filter: " + comparison.field() + " is a number; compare it with one,"
                        + " e.g. " + comparison.field() + " >= 0.8");
            }
        }
    }

    /** Numbers as the user would write them (1, not 1.0), for fields that hold text. */
    private static List<Object> text(List<Object> values) {
        return values.stream().map(value -> (Object) (value instanceof Double number && number == Math.rint(number)
                && !Double.isInfinite(number) ? Long.toString(number.longValue()) : String.valueOf(value))).toList();
    }

    private static Timestamp time(Field field, Object value) {
        String text = String.valueOf(value);
        try {
            if (text.length() == 10) {
                return Timestamp.from(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Timestamp.from(Instant.parse(text));
            }
            return Timestamp.from(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new TrainyardException("filter: " + field + " compares with a UTC date or time such as '2026-11-25'"
                    + " or '2026-11-25T14:30', got '" + text + "'");
        }
    }

    /** {@code adam*} and {@code ad?m} are globs; anything else matches as a substring. */
    private static String likePattern(String pattern) {
        String escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        if (pattern.contains("*") || pattern.contains("?")) {
            return escaped.replace('*', '%').replace('?', '_');
        }
        return "%" + escaped + "%";
    }
}
