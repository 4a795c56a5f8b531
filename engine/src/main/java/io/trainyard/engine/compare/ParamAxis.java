package io.trainyard.engine.compare;

import io.trainyard.engine.report.Numbers;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Where a param's values sit along a chart axis, in [0, 1]: numbers on a linear scale, or on a log scale when they
 * are all positive and span a factor of 100 or more (learning rates); anything else (names, lists, a mix) as
 * evenly spaced categories in their text order.
 *
 * @param categories the values' texts in order, when the axis is categorical; otherwise null
 * @param numbers the distinct numbers in order, when the axis is numeric
 */
record ParamAxis(String name, boolean log, List<String> categories, double min, double max, List<Double> numbers) {

    /** Up to this many distinct numbers, every one is marked on the axis; beyond, the extremes. */
    private static final int MARKED = 8;

    static ParamAxis of(String name, Collection<Object> values) {
        boolean numeric = !values.isEmpty() && values.stream().allMatch(value -> value instanceof Number);
        if (!numeric) {
            List<String> categories = values.stream().map(Numbers::param).distinct()
                    .sorted(Comparator.naturalOrder()).toList();
            return new ParamAxis(name, false, categories, 0, Math.max(0, categories.size() - 1), List.of());
        }
        double min = values.stream().mapToDouble(value -> ((Number) value).doubleValue()).min().orElseThrow();
        double max = values.stream().mapToDouble(value -> ((Number) value).doubleValue()).max().orElseThrow();
        List<Double> numbers = values.stream().map(value -> ((Number) value).doubleValue()).distinct().sorted()
                .toList();
        return new ParamAxis(name, min > 0 && max / min >= 100, null, min, max, numbers);
    }

    boolean categorical() {
        return categories != null;
    }

    /** The value's place along the axis: 0 at the bottom, 1 at the top, 0.5 when the axis has one value. */
    double position(Object value) {
        double at = categorical() ? categories.indexOf(Numbers.param(value))
                : log ? Math.log(((Number) value).doubleValue()) : ((Number) value).doubleValue();
        double low = log ? Math.log(min) : min;
        double high = log ? Math.log(max) : max;
        return high == low ? 0.5 : (at - low) / (high - low);
    }

    /** The values to mark along the axis: each category, each number when there are few, else the extremes. */
    List<Object> ticks() {
        if (categorical()) {
            return List.copyOf(categories);
        }
        return List.copyOf(numbers.size() <= MARKED ? numbers : List.of(min, max));
    }
}
