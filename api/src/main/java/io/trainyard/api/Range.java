package io.trainyard.api;

/**
 * The valid interval of a numeric hyperparameter. Bounds are optional; each may be inclusive or exclusive.
 *
 * @param min lower bound, or {@code null} for none
 * @param minInclusive whether {@code min} itself is valid
 * @param max upper bound, or {@code null} for none
 * @param maxInclusive whether {@code max} itself is valid
 */
public record Range(Double min, boolean minInclusive, Double max, boolean maxInclusive) {

    private static final Range ANY = new Range(null, false, null, false);

    public static Range any() {
        return ANY;
    }

    /** {@code [min, +inf)} */
    public static Range atLeast(double min) {
        return new Range(min, true, null, false);
    }

    /** {@code (min, +inf)} */
    public static Range greaterThan(double min) {
        return new Range(min, false, null, false);
    }

    /** {@code [min, max]} */
    public static Range closed(double min, double max) {
        return new Range(min, true, max, true);
    }

    /** {@code [min, max)} */
    public static Range closedOpen(double min, double max) {
        return new Range(min, true, max, false);
    }

    /** Whether {@code value} is a finite number within the bounds: no bound admits an infinity. */
    public boolean contains(double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        boolean aboveMin = min == null || (minInclusive ? value >= min : value > min);
        boolean belowMax = max == null || (maxInclusive ? value <= max : value < max);
        return aboveMin && belowMax;
    }

    /** Interval notation, e.g. {@code (0, inf)} or {@code [0, 1)}. */
    @Override
    public String toString() {
        return (min == null ? "(-inf" : (minInclusive ? "[" : "(") + format(min)) + ", "
                + (max == null ? "inf)" : format(max) + (maxInclusive ? "]" : ")"));
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }
}
