package io.trainyard.engine.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.report.Numbers;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.MetricSummary;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ranking configurations, testing them against the best, and saying so in words; values checked by hand. */
class ComparisonTest {

    @Test
    void configurationsRankByMeanFinalAccuracyWhateverTheOrderGiven() {
        Comparison comparison = Comparison.of(List.of(run("a", "y", 1, 0.6), run("b", "x", 1, 0.8),
                run("c", "y", 2, 0.62), run("d", "x", 2, 0.82)), false);
        assertEquals(List.of("name=x", "name=y"), comparison.groups().stream().map(Group::label).toList());
        assertEquals(List.of("d", "b", "c", "a"), comparison.runs().stream().map(run -> run.summary().id()).toList());
        assertEquals(0.81, comparison.groups().get(0).mean(), 1e-12);
        assertEquals(Math.sqrt(0.0002), comparison.groups().get(0).sd(), 1e-12);
        assertEquals(Map.of("name", "x"), comparison.groups().get(0).params());
    }

    @Test
    void twoConfigurationsGetWelchsTestComputedByHand() {
        Comparison comparison = Comparison.of(List.of(run("a", "y", 1, 0.6), run("b", "x", 1, 0.8),
                run("c", "y", 2, 0.62), run("d", "x", 2, 0.82)), false);
        // Difference 0.2; each variance 0.0002 over 2 runs, so se = sqrt(0.0002) and t = 0.2 / 0.014142 = 14.142;
        // df = 2; with two degrees of freedom the two-sided p is 1 - t / sqrt(2 + t^2) = 0.004975.
        GroupTest test = comparison.tests().get(0);
        assertEquals(0.2, test.welch().difference(), 1e-12);
        assertEquals(14.1421356, test.welch().t(), 1e-6);
        assertEquals(2, test.welch().degreesOfFreedom(), 1e-9);
        assertEquals(1 - 14.1421356 / Math.sqrt(202), test.welch().p(), 1e-6);
        assertEquals(test.welch().p(), test.holmP(), 0, "one test: nothing to correct");
        assertEquals(List.of("Best: name=x, final test accuracy 81.00% ± 1.41 pp (mean ± sd of 2 runs), 20.00 pp"
                + " ahead of the runner-up, name=y (61.00%).", "How sure: the difference to name=y is significant at"
                + " the 5% level (p = 0.005).", Verdict.method(1)), Verdict.of(comparison));
    }

    @Test
    void holmMultipliesTheSmallestPByTheNumberOfTestsAndKeepsTheOrder() {
        // Sorted: 0.01 x 3 = 0.03; 0.03 x 2 = 0.06; 0.04 x 1 = 0.04, raised to the 0.06 before it.
        assertArrayEquals(new double[] {0.03, 0.06, 0.06}, GroupTest.holm(new double[] {0.01, 0.04, 0.03}), 1e-12);
        assertArrayEquals(new double[] {1, 1}, GroupTest.holm(new double[] {0.6, 0.9}), 1e-12);
    }

    @Test
    void everyConfigurationIsTestedAgainstTheBestWithHolmsCorrection() {
        List<RunDetails> runs = new ArrayList<>();
        String[] names = {"a", "b", "c"};
        double[] means = {0.9, 0.8, 0.89};
        for (int g = 0; g < 3; g++) {
            runs.add(run(names[g] + "1", names[g], 1, means[g] - 0.01));
            runs.add(run(names[g] + "2", names[g], 2, means[g] + 0.01));
        }
        Comparison comparison = Comparison.of(runs, false);
        assertEquals(List.of("name=a", "name=c", "name=b"), comparison.groups().stream().map(Group::label).toList());
        List<GroupTest> tests = comparison.tests();
        assertEquals(2, tests.size());
        double pC = WelchTest.of(new double[] {0.89, 0.91}, new double[] {0.88, 0.9}).p();
        double pB = WelchTest.of(new double[] {0.89, 0.91}, new double[] {0.79, 0.81}).p();
        assertEquals(Math.min(1, 2 * Math.min(pB, pC)), Math.min(tests.get(0).holmP(), tests.get(1).holmP()), 1e-12);
        assertEquals(Math.max(2 * Math.min(pB, pC), Math.max(pB, pC)), tests.get(0).holmP(), 1e-12,
                "the runner-up's larger p");
        List<String> verdict = Verdict.of(comparison);
        // b is 0.1 behind with p = 1 - 7.071 / sqrt(52) = 0.0194, 0.039 after Holm; c only 0.01 behind.
        assertEquals(1 - 0.1 / Math.sqrt(0.0002) / Math.sqrt(2 + 50), pB, 1e-9);
        assertEquals("How sure: significantly better than 1 of the 2 other configurations tested, at the 5% level;"
                + " the lead over the runner-up is not (p = " + Numbers.p(tests.get(0).holmP()) + "): it may be luck.",
                verdict.get(1));
        assertTrue(verdict.get(2).contains("Holm-corrected for the 2 tests"), verdict.get(2));
    }

    @Test
    void aTestThatCannotRunSaysWhy() {
        Comparison single = Comparison.of(List.of(run("a", "x", 1, 0.8), run("b", "y", 1, 0.7),
                run("c", "y", 2, 0.72)), false);
        assertEquals("How sure: untested, because the best configuration has a single run; repeat each"
                + " configuration with other seeds (a sweep's 'repeats: 3') to test the differences.",
                Verdict.of(single).get(1));
        Comparison others = Comparison.of(List.of(run("a", "x", 1, 0.8), run("b", "x", 2, 0.82),
                run("c", "y", 1, 0.7), run("d", "z", 1, 0.6)), false);
        assertEquals(List.of("How sure: untested, because no other configuration has two runs or more.",
                "Not tested, too few runs: name=y (one run), name=z (one run)."), Verdict.of(others).subList(1, 3));
        assertEquals(List.of("One configuration, one run: final test accuracy 80.00%."),
                Verdict.of(Comparison.of(List.of(run("a", "x", 1, 0.8)), false)));
    }

    @Test
    void paramImportanceIsEachParamsShareOfTheVariance() {
        // Mean 0.71; total sum of squares 2 x (0.09^2 + 0.11^2) = 0.0404; between the names 4 x 0.1^2 = 0.04.
        Comparison comparison = Comparison.of(List.of(run("a", "y", 1, 0.6), run("b", "x", 1, 0.8),
                run("c", "y", 2, 0.62), run("d", "x", 2, 0.82)), false);
        Map<String, Double> importance = ParamImportance.of(comparison);
        assertEquals(0.04 / 0.0404, importance.get("name"), 1e-9);
        assertEquals(0.0004 / 0.0404, importance.get(ParamImportance.SEEDS), 1e-9);
    }

    @Test
    void curvesAverageTheRunsThatHaveTheEpoch() {
        double[][] spread = ChartData.meanAndSd(new double[][] {{1, 2, Double.NaN}, {3, 4, 5}}, 3);
        assertArrayEquals(new double[] {2, 3, 5}, spread[0], 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(2), Math.sqrt(2), 0}, spread[1], 1e-12);
    }

    /** A finished run with one param and a final test accuracy. */
    private static RunDetails run(String id, String name, long seed, double accuracy) {
        RunSummary summary = new RunSummary(id, "e", "FINISHED", Instant.EPOCH, Instant.EPOCH, seed, 1, accuracy, 0.5,
                null, null, null, null, Lineage.NONE);
        return new RunDetails(summary, Map.of("name", name, "seed", seed), List.of(), 0, Map.of(), Map.of(), null,
                Map.of("test_accuracy", new MetricSummary(accuracy, 1, accuracy, 1, accuracy, 1, accuracy, 1)));
    }
}
