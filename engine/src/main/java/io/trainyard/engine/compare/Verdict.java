package io.trainyard.engine.compare;

import io.trainyard.engine.report.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The answer a comparison gives in words, the same in every format: which configuration is best, by how much, and
 * how sure we can be, with the method and its caveat, and a note wherever a test cannot be run.
 */
public final class Verdict {

    private Verdict() {
    }

    /** Sentences, most important first: the best configuration, how sure, then notes and the method. */
    public static List<String> of(Comparison comparison) {
        List<Group> groups = comparison.groups();
        Group best = groups.get(0);
        List<String> lines = new ArrayList<>();
        if (best.n() == 0) {
            lines.add("No run has finished an epoch yet, so there is nothing to rank.");
            return lines;
        }
        if (groups.size() == 1) {
            lines.add(best.n() == 1 ? "One configuration, one run: final test accuracy " + Numbers.percent(best.mean())
                    + "." : "All " + best.runs().size() + " runs share one configuration: final test accuracy "
                    + spread(best) + ".");
            return lines;
        }
        Group runnerUp = groups.get(1);
        lines.add("Best: " + best.label() + ", final test accuracy " + spread(best) + (runnerUp.n() == 0
                ? "; no other configuration finished an epoch."
                : ", " + Numbers.points(best.mean() - runnerUp.mean()) + " ahead of the runner-up, "
                        + runnerUp.label() + " (" + Numbers.percent(runnerUp.mean()) + ")."));
        List<GroupTest> tests = comparison.tests();
        if (best.n() < 2) {
            lines.add("How sure: untested, because the best configuration has a single run; repeat each"
                    + " configuration with other seeds (a sweep's 'repeats: 3') to test the differences.");
        } else if (tests.isEmpty()) {
            lines.add("How sure: untested, because no other configuration has two runs or more.");
        } else {
            lines.add(sureness(tests, runnerUp));
        }
        List<String> untested = groups.stream().skip(1).filter(group -> group.n() < 2 && best.n() >= 2)
                .map(group -> group.label() + (group.n() == 0 ? " (no finished epoch)" : " (one run)")).toList();
        if (!untested.isEmpty()) {
            lines.add("Not tested, too few runs: " + String.join(", ", untested) + ".");
        }
        if (!tests.isEmpty()) {
            lines.add(method(tests.size()));
        }
        return lines;
    }

    private static String sureness(List<GroupTest> tests, Group runnerUp) {
        String level = String.format(Locale.ROOT, "%.0f%%", 100 * Comparison.LEVEL);
        long significant = tests.stream().filter(GroupTest::significant).count();
        if (tests.size() == 1) {
            GroupTest only = tests.get(0);
            return "How sure: the difference to " + only.group().label() + " is " + (only.significant() ? ""
                    : "not ") + "significant at the " + level + " level (p = " + Numbers.p(only.holmP()) + ").";
        }
        String summary = significant == 0 ? "no difference to the " + tests.size() + " other configurations tested"
                + " is significant at the " + level + " level" : "significantly better than " + significant + " of"
                + " the " + tests.size() + " other configurations tested, at the " + level + " level";
        String lead = tests.stream().filter(test -> test.group() == runnerUp).findFirst().map(test -> "; the lead"
                + " over the runner-up is " + (test.significant() ? "significant" : "not") + " (p = "
                + Numbers.p(test.holmP()) + ")" + (test.significant() ? "" : ": it may be luck")).orElse("");
        return "How sure: " + summary + lead + ".";
    }

    private static String spread(Group group) {
        return group.n() == 1 ? Numbers.percent(group.mean()) + " (one run)" : Numbers.percent(group.mean()) + " ± "
                + Numbers.points(group.sd()) + " (mean ± sd of " + group.n() + " runs)";
    }

    /** The method and its caveat, in one sentence. */
    static String method(int tests) {
        return "Method: Welch's t-test of the final test accuracies of the best configuration's runs (seeds) against"
                + " each other configuration's" + (tests > 1 ? ", p-values Holm-corrected for the " + tests + " tests"
                        : "") + "; with a few seeds per configuration the test has little power, so 'not significant'"
                + " often means too few runs rather than no difference.";
    }
}
