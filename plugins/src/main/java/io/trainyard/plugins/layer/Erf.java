package io.trainyard.plugins.layer;

/** The error function, which {@code java.lang.Math} lacks, to within a few units in the last place. */
final class Erf {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Erf() {
    }

    /**
     * {@code erf(x) = 2/√π e^(-x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))}: every term is positive, so there is no
     * cancellation, and the sum converges for all x. Beyond |x| = 6, erf is ±1 to double precision.
     */
    static double erf(double x) {
        double magnitude = Math.abs(x);
        if (magnitude >= 6) {
            return Math.signum(x);
        }
        if (Double.isNaN(x)) {
            return x;
        }
        double square = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= 2 * square / (2 * n + 1);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-square) * sum;
    }
}
