package io.trainyard.engine.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WelchTestTest {

    @Test
    void studentTMatchesItsClosedForms() {
        // df = 1 is the Cauchy distribution: P(|T| > t) = 1 - 2 atan(t) / pi.
        assertEquals(0.5, StudentT.twoSidedP(1, 1), 1e-13);
        assertEquals(1 - 2 * Math.atan(3) / Math.PI, StudentT.twoSidedP(-3, 1), 1e-13);
        // df = 2: P(|T| > t) = 1 - t / sqrt(2 + t^2).
        assertEquals(1 - 1 / Math.sqrt(3), StudentT.twoSidedP(1, 2), 1e-13);
        assertEquals(1 - 4 / Math.sqrt(18), StudentT.twoSidedP(4, 2), 1e-13);
        // Tables: t = 2.228 is the 5% two-sided point for df = 10, 2.086 for df = 20.
        assertEquals(0.05, StudentT.twoSidedP(2.228, 10), 2e-4);
        assertEquals(0.05, StudentT.twoSidedP(2.086, 20), 2e-4);
        assertEquals(1.0, StudentT.twoSidedP(0, 7), 1e-14);
        assertEquals(Math.log(24), StudentT.logGamma(5), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-13);
    }

    @Test
    void welchStatisticAndDegreesOfFreedomFollowTheFormulas() {
        // a: mean 2.5, variance 5/3; b: mean 6, variance 10. se^2 = 5/12 + 2 = 29/12.
        WelchTest test = WelchTest.of(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8, 10});
        assertEquals(-3.5, test.difference(), 1e-12);
        assertEquals(-3.5 / Math.sqrt(29.0 / 12), test.t(), 1e-12);
        double df = Math.pow(29.0 / 12, 2) / (Math.pow(5.0 / 12, 2) / 3 + 4.0 / 4);
        assertEquals(df, test.degreesOfFreedom(), 1e-12);
        assertEquals(integratedTwoSidedP(test.t(), df), test.p(), 1e-9);
    }

    @Test
    void groupsWithoutSpreadAndTooSmallGroups() {
        assertEquals(0.0, WelchTest.of(new double[] {1, 1}, new double[] {2, 2}).p());
        assertEquals(1.0, WelchTest.of(new double[] {1, 1}, new double[] {1, 1}).p());
        assertThrows(IllegalArgumentException.class, () -> WelchTest.of(new double[] {1}, new double[] {1, 2}));
    }

    /** An independent check: Simpson's rule over Student's density, 2 * integral from |t| to a far bound. */
    private static double integratedTwoSidedP(double t, double df) {
        double norm = Math.exp(StudentT.logGamma((df + 1) / 2) - StudentT.logGamma(df / 2)) / Math.sqrt(df * Math.PI);
        // Substitute u = 1/x to integrate the tail [|t|, inf) over the finite interval (0, 1/|t|].
        int steps = 200_000;
        double upper = 1 / Math.abs(t);
        double h = upper / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double u = i * h;
            double value = u == 0 ? 0 : norm * Math.pow(1 + 1 / (u * u * df), -(df + 1) / 2) / (u * u);
            sum += value * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return 2 * sum * h / 3;
    }
}
