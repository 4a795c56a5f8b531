package io.trainyard.engine.compare;

import io.trainyard.engine.report.Table;
import io.trainyard.engine.tracking.MetricSummary;
import io.trainyard.engine.tracking.RunDetails;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs side by side: the params that tell them apart, each run's final and best test metrics, and repeats (runs
 * whose params differ only in the seed) grouped with the mean and standard deviation of their final test accuracy.
 * With exactly two groups of two runs or more, Welch's t-test says whether their difference is significant.
 */
public final class Comparison {

    /** The significance level of the verdict printed with the test. */
    public static final double LEVEL = 0.05;

    private final List<RunDetails> runs;
    private final List<String> paramKeys;
    private final List<Group> groups = new ArrayList<>();
    private final Map<String, Integer> groupOfRun = new LinkedHashMap<>();

    /**
     * A set of repeats.
     *
     * @param label the params that set this group apart from the others, e.g. {@code optimizer.name=adam}
     * @param mean mean final test accuracy; NaN when no run finished an epoch
     * @param sd sample standard deviation of the final test accuracy (0 for one run)
     */
    public record Group(int number, String label, List<RunDetails> runs, double mean, double sd) {
    }

    private Comparison(List<RunDetails> runs, boolean allParams, boolean ranked) {
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(run -> keys.addAll(run.params().keySet()));
        this.paramKeys = keys.stream().filter(key -> allParams || differs(key, runs)).toList();
        groupRepeats(runs, ranked);
        this.runs = ranked ? groups.stream().flatMap(group -> group.runs().stream()).toList() : List.copyOf(runs);
    }

    /** The runs in the order given, grouped in order of first appearance. */
    public static Comparison of(List<RunDetails> runs, boolean allParams) {
        return new Comparison(runs, allParams, false);
    }

    /**
     * The runs ranked: groups by mean final test accuracy, best first (groups without one last), numbered by rank,
     * and the runs of a group by final test accuracy.
     */
    public static Comparison ranked(List<RunDetails> runs, boolean allParams) {
        return new Comparison(runs, allParams, true);
    }

    public List<RunDetails> runs() {
        return runs;
    }

    /** The params shown: those that differ between the runs, or all of them. */
    public List<String> paramKeys() {
        return paramKeys;
    }

    public List<Group> groups() {
        return groups;
    }

    public int groupOf(RunDetails run) {
        return groupOfRun.get(run.summary().id());
    }

    /** Welch's test of the final test accuracy, when there are exactly two groups of two runs or more. */
    public Optional<WelchTest> test() {
        if (groups.size() != 2 || groups.get(0).runs().size() < 2 || groups.get(1).runs().size() < 2) {
            return Optional.empty();
        }
        double[] a = finalAccuracies(groups.get(0));
        double[] b = finalAccuracies(groups.get(1));
        return a.length < 2 || b.length < 2 ? Optional.empty() : Optional.of(WelchTest.of(a, b));
    }

    /** One row per run: id, status, the shown params, group, final and best test accuracy and loss with epochs. */
    public Table runsTable() {
        List<String> columns = new ArrayList<>(List.of("run", "status"));
        columns.addAll(paramKeys);
        columns.addAll(List.of("group", "final_test_accuracy", "best_test_accuracy", "best_accuracy_epoch",
                "final_test_loss", "best_test_loss", "best_loss_epoch", "epochs_recorded"));
        List<List<Object>> rows = new ArrayList<>();
        for (RunDetails run : runs) {
            List<Object> row = new ArrayList<>(List.of(run.summary().id(), run.summary().status()));
            paramKeys.forEach(key -> row.add(run.params().get(key)));
            row.add(groupOf(run));
            MetricSummary accuracy = run.metrics().get("test_accuracy");
            MetricSummary loss = run.metrics().get("test_loss");
            row.add(accuracy == null ? null : accuracy.last());
            row.add(accuracy == null ? null : accuracy.max());
            row.add(accuracy == null ? null : accuracy.maxEpoch());
            row.add(loss == null ? null : loss.last());
            row.add(loss == null ? null : loss.min());
            row.add(loss == null ? null : loss.minEpoch());
            row.add(run.summary().epochs());
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    /** One row per group of repeats. */
    public Table groupsTable() {
        List<List<Object>> rows = new ArrayList<>();
        for (Group group : groups) {
            rows.add(List.of(group.number(), group.runs().size(), group.label(), group.mean(), group.sd()));
        }
        return new Table(List.of("group", "n", "params", "mean_final_test_accuracy", "sd_final_test_accuracy"),
                rows);
    }

    private void groupRepeats(List<RunDetails> runs, boolean ranked) {
        Map<Map<String, Object>, List<RunDetails>> byParams = new LinkedHashMap<>();
        for (RunDetails run : runs) {
            byParams.computeIfAbsent(withoutSeed(run.params()), key -> new ArrayList<>()).add(run);
        }
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(run -> keys.addAll(run.params().keySet()));
        List<String> distinguishing = keys.stream().filter(key -> !key.equals("seed") && differs(key, runs)).toList();
        List<List<RunDetails>> sets = new ArrayList<>(byParams.values());
        if (ranked) {
            sets.forEach(members -> members.sort(Comparator.comparingDouble(Comparison::finalAccuracy).reversed()));
            sets.sort(Comparator.comparingDouble((List<RunDetails> members) -> {
                double mean = meanFinalAccuracy(members);
                return Double.isNaN(mean) ? Double.NEGATIVE_INFINITY : mean;
            }).reversed());
        }
        int number = 1;
        for (List<RunDetails> members : sets) {
            RunDetails first = members.get(0);
            String label = byParams.size() == 1 ? "all runs" : distinguishing.stream()
                    .map(key -> key + "=" + first.params().get(key)).collect(Collectors.joining(", "));
            double mean = meanFinalAccuracy(members);
            double sd = Double.isNaN(mean) ? Double.NaN
                    : Math.sqrt(WelchTest.variance(finalAccuracies(members), mean));
            groups.add(new Group(number, label, List.copyOf(members), mean, sd));
            for (RunDetails member : members) {
                groupOfRun.put(member.summary().id(), number);
            }
            number++;
        }
    }

    private static Map<String, Object> withoutSeed(Map<String, Object> params) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.remove("seed");
        return copy;
    }

    /** The mean final test accuracy of runs; NaN when none finished an epoch. */
    private static double meanFinalAccuracy(List<RunDetails> runs) {
        double[] accuracies = finalAccuracies(runs);
        return accuracies.length == 0 ? Double.NaN : WelchTest.mean(accuracies);
    }

    /** A run's final test accuracy; -infinity without one, so that it ranks last. */
    private static double finalAccuracy(RunDetails run) {
        MetricSummary accuracy = run.metrics().get("test_accuracy");
        return accuracy == null || Double.isNaN(accuracy.last()) ? Double.NEGATIVE_INFINITY : accuracy.last();
    }

    private static double[] finalAccuracies(Group group) {
        return finalAccuracies(group.runs());
    }

    private static double[] finalAccuracies(List<RunDetails> runs) {
        return runs.stream().map(run -> run.metrics().get("test_accuracy")).filter(Objects::nonNull)
                .mapToDouble(MetricSummary::last).toArray();
    }

    private static boolean differs(String key, List<RunDetails> runs) {
        Object first = runs.get(0).params().get(key);
        boolean present = runs.get(0).params().containsKey(key);
        for (RunDetails run : runs) {
            if (run.params().containsKey(key) != present || !Objects.equals(run.params().get(key), first)) {
                return true;
            }
        }
        return false;
    }
}
