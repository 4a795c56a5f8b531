package io.trainyard.engine.compare;

import io.trainyard.engine.report.Numbers;
import io.trainyard.engine.report.Table;
import io.trainyard.engine.tracking.MetricSummary;
import io.trainyard.engine.tracking.RunDetails;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs side by side, ranked. Runs whose params differ only in the seed form a configuration (a group); groups rank
 * by the mean of their runs' final test accuracy, best first, and the runs of a group by their own. Each group with
 * two runs or more is tested against the best with Welch's t-test, the p-values Holm-corrected for the number of
 * tests (see {@link Verdict} for the words).
 */
public final class Comparison {

    /** The significance level of every verdict. */
    public static final double LEVEL = 0.05;

    /** The metric configurations are ranked and tested by. */
    public static final String METRIC = "test_accuracy";

    private final List<RunDetails> runs;
    private final List<String> paramKeys;
    private final List<Group> groups;
    private final List<GroupTest> tests;
    private final Map<String, Integer> groupOfRun = new LinkedHashMap<>();

    private Comparison(List<RunDetails> runs, boolean allParams) {
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(run -> keys.addAll(run.params().keySet()));
        List<String> differing = keys.stream().filter(key -> differs(key, runs)).toList();
        this.paramKeys = allParams ? List.copyOf(keys) : differing;
        this.groups = groupRepeats(runs, differing.stream().filter(key -> !key.equals("seed")).toList());
        groups.forEach(group -> group.runs().forEach(run -> groupOfRun.put(run.summary().id(), group.number())));
        this.runs = groups.stream().flatMap(group -> group.runs().stream()).toList();
        this.tests = GroupTest.againstBest(groups);
    }

    /** @param allParams show every param, not only those that differ between the runs */
    public static Comparison of(List<RunDetails> runs, boolean allParams) {
        return new Comparison(runs, allParams);
    }

    /** The runs, group by group in rank order. */
    public List<RunDetails> runs() {
        return runs;
    }

    /** The params shown: those that differ between the runs, or all of them. */
    public List<String> paramKeys() {
        return paramKeys;
    }

    /** The configurations, best first; those without a finished epoch last. */
    public List<Group> groups() {
        return groups;
    }

    public Group groupOf(RunDetails run) {
        return groups.get(groupOfRun.get(run.summary().id()) - 1);
    }

    /** Each group with two runs or more against the best, when the best has two runs or more too. */
    public List<GroupTest> tests() {
        return tests;
    }

    /** One row per run: id, status, the shown params, group, final and best test accuracy and loss, epochs. */
    public Table runsTable() {
        List<String> columns = new ArrayList<>(List.of("run_id", "status"));
        paramKeys.forEach(key -> columns.add("params." + key));
        columns.add("group");
        for (String metric : List.of("test_accuracy", "test_loss")) {
            columns.addAll(List.of("final_" + metric, "best_" + metric, "best_" + metric + "_epoch"));
        }
        columns.add("epochs");
        List<List<Object>> rows = new ArrayList<>();
        for (RunDetails run : runs) {
            List<Object> row = new ArrayList<>(List.of(run.summary().id(), run.summary().status()));
            paramKeys.forEach(key -> row.add(run.params().get(key)));
            row.add(groupOf(run).number());
            MetricSummary accuracy = run.metrics().get("test_accuracy");
            MetricSummary loss = run.metrics().get("test_loss");
            row.addAll(accuracy == null ? Arrays.asList(null, null, null)
                    : List.of(accuracy.last(), accuracy.max(), accuracy.maxEpoch()));
            row.addAll(loss == null ? Arrays.asList(null, null, null)
                    : List.of(loss.last(), loss.min(), loss.minEpoch()));
            row.add(run.summary().epochs());
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    /**
     * One row per configuration: its rank, what sets it apart, its runs, the mean and sd of their final test
     * accuracy, and its test against the best.
     *
     * @param forPrograms also the distinguishing params as an object and the test's t and degrees of freedom
     */
    public Table groupsTable(boolean forPrograms) {
        List<String> columns = new ArrayList<>(List.of("group", "config"));
        if (forPrograms) {
            columns.add("params");
        }
        columns.addAll(List.of("runs", "mean_final_test_accuracy", "sd_final_test_accuracy",
                "difference_test_accuracy"));
        if (forPrograms) {
            columns.addAll(List.of("t", "df"));
        }
        columns.addAll(List.of("p_value", "p_holm", "significant"));
        List<List<Object>> rows = new ArrayList<>();
        for (Group group : groups) {
            List<Object> row = new ArrayList<>(List.of(group.number(), group.label()));
            if (forPrograms) {
                row.add(group.params());
            }
            row.addAll(List.of(group.runs().size(), group.mean(), group.sd()));
            GroupTest test = tests.stream().filter(t -> t.group() == group).findFirst().orElse(null);
            WelchTest welch = test == null ? null : test.welch();
            row.add(welch == null ? null : welch.difference());
            if (forPrograms) {
                row.addAll(welch == null ? Arrays.asList(null, null) : List.of(welch.t(), welch.degreesOfFreedom()));
            }
            row.addAll(test == null ? Arrays.asList(null, null, null) : List.of(welch.p(), test.holmP(),
                    test.significant()));
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    private static List<Group> groupRepeats(List<RunDetails> runs, List<String> distinguishing) {
        Map<Map<String, Object>, List<RunDetails>> byParams = new LinkedHashMap<>();
        for (RunDetails run : runs) {
            Map<String, Object> params = new LinkedHashMap<>();
            distinguishing.forEach(key -> params.put(key, run.params().get(key)));
            byParams.computeIfAbsent(params, key -> new ArrayList<>()).add(run);
        }
        List<Map.Entry<Map<String, Object>, List<RunDetails>>> sets = new ArrayList<>(byParams.entrySet());
        sets.forEach(set -> set.getValue().sort(Comparator.comparingDouble(Comparison::finalAccuracy).reversed()));
        sets.sort(Comparator.comparingDouble((Map.Entry<Map<String, Object>, List<RunDetails>> set) -> {
            double mean = mean(finalAccuracies(set.getValue()));
            return Double.isNaN(mean) ? Double.NEGATIVE_INFINITY : mean;
        }).reversed());
        Map<String, String> shortNames = shortNames(distinguishing);
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<Map<String, Object>, List<RunDetails>> set : sets) {
            double[] finals = finalAccuracies(set.getValue());
            double mean = mean(finals);
            String label = set.getKey().isEmpty() ? "all runs" : set.getKey().entrySet().stream()
                    .map(param -> shortNames.get(param.getKey()) + "=" + Numbers.param(param.getValue()))
                    .collect(Collectors.joining(" "));
            groups.add(new Group(groups.size() + 1, label, set.getKey(), List.copyOf(set.getValue()), finals, mean,
                    Double.isNaN(mean) ? Double.NaN : Math.sqrt(WelchTest.variance(finals, mean))));
        }
        return List.copyOf(groups);
    }

    /** A param's last name ({@code lr} for {@code optimizer.lr}) when no other distinguishing param shares it. */
    private static Map<String, String> shortNames(List<String> keys) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : keys) {
            String last = key.substring(key.lastIndexOf('.') + 1);
            boolean shared = keys.stream().filter(other -> other.substring(other.lastIndexOf('.') + 1).equals(last))
                    .count() > 1;
            names.put(key, shared ? key : last);
        }
        return names;
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : WelchTest.mean(values);
    }

    /** A run's final test accuracy; -infinity without one, so that it ranks last. */
    private static double finalAccuracy(RunDetails run) {
        MetricSummary accuracy = run.metrics().get(METRIC);
        return accuracy == null || Double.isNaN(accuracy.last()) ? Double.NEGATIVE_INFINITY : accuracy.last();
    }

    private static double[] finalAccuracies(List<RunDetails> runs) {
        return runs.stream().map(run -> run.metrics().get(METRIC)).filter(Objects::nonNull)
                .mapToDouble(MetricSummary::last).filter(Double::isFinite).toArray();
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
