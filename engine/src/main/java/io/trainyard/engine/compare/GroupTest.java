package io.trainyard.engine.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A configuration tested against the best one: Welch's t-test of their final test accuracies, and the p-value
 * after Holm's step-down correction for the number of configurations tested (m tests: the smallest p is multiplied
 * by m, the next by m - 1, and so on, each kept at least as large as the one before and at most 1), so that the
 * chance of calling any difference significant by luck stays at {@link Comparison#LEVEL}.
 *
 * @param welch the test, its difference being best minus this group
 * @param holmP the corrected p-value
 */
public record GroupTest(Group group, WelchTest welch, double holmP) {

    public boolean significant() {
        return holmP < Comparison.LEVEL;
    }

    /** Every group but the best with two runs or more against the best, when the best has two or more. */
    static List<GroupTest> againstBest(List<Group> groups) {
        if (groups.size() < 2 || groups.get(0).n() < 2) {
            return List.of();
        }
        Group best = groups.get(0);
        List<Group> tested = groups.stream().skip(1).filter(group -> group.n() >= 2).toList();
        List<WelchTest> welch = tested.stream().map(group -> WelchTest.of(best.finals(), group.finals())).toList();
        double[] holm = holm(welch.stream().mapToDouble(WelchTest::p).toArray());
        List<GroupTest> tests = new ArrayList<>();
        for (int i = 0; i < tested.size(); i++) {
            tests.add(new GroupTest(tested.get(i), welch.get(i), holm[i]));
        }
        return List.copyOf(tests);
    }

    /** Holm-adjusted p-values, in the order given. */
    static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[p.length];
        double running = 0;
        for (int rank = 0; rank < order.length; rank++) {
            running = Math.max(running, Math.min(1, (p.length - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
