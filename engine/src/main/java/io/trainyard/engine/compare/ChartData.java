package io.trainyard.engine.compare;

import io.trainyard.api.callback.MetricNames;
import io.trainyard.engine.report.Json;
import io.trainyard.engine.report.Numbers;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.StepMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The numbers the report's charts draw, as one JSON object the page's script reads: per configuration and epoch the
 * mean and standard deviation of every metric with each run's own line; the per-step training loss; the final
 * accuracy against each param; and the best so far by trial. Means and deviations are computed here, once, so
 * that the page only draws.
 */
final class ChartData {

    /** Per-step points drawn per run at most; longer runs are averaged over windows of consecutive steps. */
    static final int MAX_STEP_POINTS = 1000;

    private ChartData() {
    }

    static String json(Comparison comparison, RunHistory history) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Object> configs = new ArrayList<>();
        for (Group group : comparison.groups()) {
            configs.add(object("label", group.label(), "color", Palette.color(group.number() - 1)));
        }
        data.put("configs", configs);
        data.put("curves", curves(comparison, history));
        data.put("steps", steps(comparison, history));
        data.put("scatter", scatter(comparison));
        data.put("history", bestSoFar(comparison));
        return Json.value(data);
    }

    /** One chart per metric: the built-in ones but the epoch's seconds, then every metric a callback logged. */
    private static List<Object> curves(Comparison comparison, RunHistory history) {
        TreeSet<String> logged = new TreeSet<>();
        history.logged().values().forEach(epochs -> epochs.values().forEach(values -> logged.addAll(values.keySet())));
        List<String> metrics = new ArrayList<>(MetricNames.BUILT_IN);
        metrics.remove("epoch_seconds");
        logged.removeAll(metrics);
        metrics.addAll(logged);
        int epochs = comparison.runs().stream().mapToInt(run -> run.epochs().size()).max().orElse(0);
        List<Object> curves = new ArrayList<>();
        for (String metric : metrics) {
            List<Object> configs = new ArrayList<>();
            for (Group group : comparison.groups()) {
                double[][] values = new double[group.runs().size()][];
                List<Object> runs = new ArrayList<>();
                for (int r = 0; r < values.length; r++) {
                    RunDetails run = group.runs().get(r);
                    values[r] = values(run, metric, epochs, history);
                    runs.add(object("id", run.summary().id(), "values", list(values[r])));
                }
                double[][] spread = meanAndSd(values, epochs);
                configs.add(object("mean", list(spread[0]), "sd", list(spread[1]), "runs", runs));
            }
            curves.add(object("metric", metric, "configs", configs));
        }
        return curves;
    }

    private static double[] values(RunDetails run, String metric, int epochs, RunHistory history) {
        double[] values = new double[epochs];
        Arrays.fill(values, Double.NaN);
        Map<Integer, Map<String, Double>> logged = history.logged().getOrDefault(run.summary().id(), Map.of());
        run.epochs().forEach(epoch -> values[epoch.epoch() - 1] = MetricNames.BUILT_IN.contains(metric)
                ? epoch.metric(metric) : logged.getOrDefault(epoch.epoch(), Map.of()).getOrDefault(metric, Double.NaN));
        return values;
    }

    /** Per epoch, the mean and sample standard deviation over the runs that have the value (NaN for none). */
    static double[][] meanAndSd(double[][] runs, int epochs) {
        double[][] spread = new double[2][epochs];
        for (int e = 0; e < epochs; e++) {
            int finiteIndex = e;
            double[] present = Arrays.stream(runs).mapToDouble(run -> run[finiteIndex]).filter(Double::isFinite)
                    .toArray();
            spread[0][e] = present.length == 0 ? Double.NaN : WelchTest.mean(present);
            spread[1][e] = present.length == 0 ? Double.NaN : Math.sqrt(WelchTest.variance(present, spread[0][e]));
        }
        return spread;
    }

    /** Each run's training loss by step, on one shared step axis; null when no run logged steps. */
    private static Object steps(Comparison comparison, RunHistory history) {
        int longest = comparison.runs().stream().mapToInt(run -> history.steps().getOrDefault(run.summary().id(),
                List.of()).size()).max().orElse(0);
        if (longest == 0) {
            return null;
        }
        long window = Math.max(1, (longest + MAX_STEP_POINTS - 1) / MAX_STEP_POINTS);
        List<TreeMap<Long, Double>> averaged = new ArrayList<>();
        TreeSet<Long> x = new TreeSet<>();
        for (RunDetails run : comparison.runs()) {
            TreeMap<Long, double[]> sums = new TreeMap<>();
            for (StepMetric step : history.steps().getOrDefault(run.summary().id(), List.of())) {
                double[] sum = sums.computeIfAbsent(step.step() / window * window, start -> new double[2]);
                sum[0] += step.trainLoss();
                sum[1]++;
            }
            TreeMap<Long, Double> means = new TreeMap<>();
            sums.forEach((start, sum) -> means.put(start, sum[0] / sum[1]));
            x.addAll(means.keySet());
            averaged.add(means);
        }
        List<Object> runs = new ArrayList<>();
        for (int r = 0; r < averaged.size(); r++) {
            RunDetails run = comparison.runs().get(r);
            TreeMap<Long, Double> means = averaged.get(r);
            runs.add(object("id", run.summary().id(), "config", comparison.groupOf(run).number() - 1, "values",
                    x.stream().map(step -> means.getOrDefault(step, Double.NaN)).toList()));
        }
        return object("x", List.copyOf(x), "window", window, "runs", runs);
    }

    /** For each distinguishing param, every run's final test accuracy at the param's value, x sorted. */
    private static List<Object> scatter(Comparison comparison) {
        List<Object> charts = new ArrayList<>();
        if (comparison.groups().size() < 2) {
            return charts;
        }
        for (String key : comparison.groups().get(0).params().keySet()) {
            ParamAxis axis = ParamAxis.of(key, comparison.groups().stream().map(group -> group.params().get(key))
                    .toList());
            List<double[]> points = new ArrayList<>();
            for (Group group : comparison.groups()) {
                Object value = group.params().get(key);
                double x = axis.categorical() ? axis.categories().indexOf(Numbers.param(
                        value)) : ((Number) value).doubleValue();
                for (double accuracy : group.finals()) {
                    points.add(new double[] {x, group.number() - 1, accuracy});
                }
            }
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            List<Object> series = new ArrayList<>();
            for (Group group : comparison.groups()) {
                series.add(points.stream().map(point -> point[1] == group.number() - 1 ? point[2] : Double.NaN)
                        .toList());
            }
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("param", key);
            chart.put("log", axis.log());
            chart.put("categories", axis.categories());
            chart.put("x", points.stream().map(point -> point[0]).toList());
            chart.put("configs", series);
            charts.add(chart);
        }
        return charts;
    }

    /** A sweep's final test accuracy by trial number with the best so far; null when the runs are not one sweep's. */
    private static Object bestSoFar(Comparison comparison) {
        List<RunDetails> runs = comparison.runs();
        String sweep = runs.get(0).summary().lineage().sweepId();
        if (sweep == null || runs.stream().anyMatch(run -> !sweep.equals(run.summary().lineage().sweepId()))) {
            return null;
        }
        List<RunDetails> byTrial = runs.stream().filter(run -> Double.isFinite(run.summary().finalTestAccuracy()))
                .sorted(Comparator.comparingInt(run -> run.summary().lineage().trial())).toList();
        List<Integer> trials = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        double top = Double.NEGATIVE_INFINITY;
        for (RunDetails run : byTrial) {
            trials.add(run.summary().lineage().trial());
            values.add(run.summary().finalTestAccuracy());
            top = Math.max(top, run.summary().finalTestAccuracy());
            best.add(top);
        }
        return object("x", trials, "values", values, "best", best);
    }

    /** A JSON object with its keys in the order given, so that the same report is the same text. */
    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    private static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
