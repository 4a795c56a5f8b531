package io.trainyard.engine.compare;

/**
 * Welch's unequal-variances t-test of two independent samples:
 * {@code t = (mean_a - mean_b) / sqrt(s_a^2/n_a + s_b^2/n_b)}, with the Welch-Satterthwaite degrees of freedom
 * {@code df = (s_a^2/n_a + s_b^2/n_b)^2 / ((s_a^2/n_a)^2/(n_a-1) + (s_b^2/n_b)^2/(n_b-1))}, sample variances with
 * {@code n - 1}, and a two-sided p-value.
 *
 * @param difference mean of a minus mean of b
 */
public record WelchTest(double difference, double t, double degreesOfFreedom, double p) {

    /** Each sample needs two values or more. */
    public static WelchTest of(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's test needs two values or more in each group");
        }
        double meanA = mean(a);
        double meanB = mean(b);
        double shareA = variance(a, meanA) / a.length;
        double shareB = variance(b, meanB) / b.length;
        double standardError = Math.sqrt(shareA + shareB);
        double difference = meanA - meanB;
        if (standardError == 0) {
            // No spread at all: any difference is certain, none is no evidence.
            return new WelchTest(difference, difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY,
                    difference), Double.NaN, difference == 0 ? 1 : 0);
        }
        double df = Math.pow(shareA + shareB, 2)
                / (shareA * shareA / (a.length - 1) + shareB * shareB / (b.length - 1));
        double t = difference / standardError;
        return new WelchTest(difference, t, df, StudentT.twoSidedP(t, df));
    }

    public boolean significantAt(double level) {
        return p < level;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample variance (divides by n - 1); 0 for a single value. */
    static double variance(double[] values, double mean) {
        if (values.length < 2) {
            return 0;
        }
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return sum / (values.length - 1);
    }
}
