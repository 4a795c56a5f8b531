package io.trainyard.engine.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How numbers read by people are spelled, the same in the terminal, in Markdown and in HTML: metrics to four
 * significant digits, params exactly as the experiment gave them, scientific notation below 0.001 and from a
 * million on ({@code 1e-05}, not {@code 0.0000}), and accuracy as a percentage with two decimals. CSV and JSON are
 * for programs and keep every value as recorded: accuracy there is the fraction the store holds.
 */
public final class Numbers {

    /** Significant digits of a metric: enough to tell runs apart, few enough to read a column. */
    private static final int METRIC_DIGITS = 4;

    private Numbers() {
    }

    /**
     * A table cell for people, by its column's name: {@code params.*} columns exactly as given, columns about accuracy
     * as percentages (their spreads and differences in percentage points), other numbers as metrics, yes or no, times in UTC to the second, missing values as "-".
     */
    public static String cell(String column, Object value) {
        if (value instanceof java.time.Instant instant) {
            return Format.time(instant);
        }
        if (column.startsWith("params.")) {
            return param(value);
        }
        if (value instanceof Double number) {
            if (!column.contains("accuracy")) {
                return metric(number);
            }
            // A spread or a difference of accuracies is in percentage points, not a percentage.
            return column.startsWith("sd_") || column.startsWith("difference_") ? points(number) : percent(number);
        }
        return value instanceof Boolean bool ? (bool ? "yes" : "no") : param(value);
    }

    /** A metric value: {@code 0.3512}, {@code 2.5e-04}, {@code 1.235e+06}; "-" for a missing or non-finite one. */
    public static String metric(double value) {
        return Double.isFinite(value) ? spell(new BigDecimal(value).round(new MathContext(METRIC_DIGITS))) : "-";
    }

    /** A param as the experiment file had it: {@code 0.9}, {@code 1e-05}, {@code 64}, {@code [512, 512]}. */
    public static String param(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? spell(BigDecimal.valueOf(number)) : String.valueOf(number);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Numbers::param).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }

    /** An accuracy (a fraction) as a percentage: {@code 82.31%}. */
    public static String percent(double fraction) {
        return hundredths(fraction, "%");
    }

    /** A difference or spread of accuracies in percentage points: {@code 1.23 pp}. */
    public static String points(double fraction) {
        return hundredths(fraction, " pp");
    }

    /**
     * A fraction in hundredths to two decimals, then its unit; "-" when it is not finite. Rounded half up from the
     * digits {@code Double.toString} gives, as {@code String.format("%.2f")} rounds (but a value that rounds to zero has
     * no minus sign here); a {@code String.format} per row took a tenth of 'runs' on a store of 1 000 runs.
     */
    private static String hundredths(double fraction, String unit) {
        return Double.isFinite(fraction)
                ? BigDecimal.valueOf(100 * fraction).setScale(2, RoundingMode.HALF_UP).toPlainString() + unit : "-";
    }

    /** A p-value: {@code 0.0123}, {@code 3.2e-05}, and below 1e-4 nothing finer than the test can claim. */
    public static String p(double p) {
        if (!Double.isFinite(p)) {
            return "-";
        }
        return p < 1e-4 ? "< 0.0001" : spell(new BigDecimal(p).round(new MathContext(2)));
    }

    private static String spell(BigDecimal exact) {
        BigDecimal value = exact.stripTrailingZeros();
        double magnitude = Math.abs(value.doubleValue());
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
            return String.format(Locale.ROOT, "%." + Math.max(0, value.precision() - 1) + "e", value);
        }
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }
}
