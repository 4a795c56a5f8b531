package io.trainyard.engine.report;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.engine.tracking.MetricSummary;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunSummary;
import io.trainyard.engine.tracking.StepMetric;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Runs as CSV files for pandas and spreadsheets: {@code runs.csv}, one row per run with every param as a column (a
 * list param as a column per element) and the final and best metrics; {@code epochs.csv}, one row per run and
 * epoch; {@code steps.csv}, one row per logged step. Every row has every column; a value a run lacks is an empty
 * cell.
 */
public final class Export {

    private Export() {
    }

    /**
     * Writes the three files into {@code directory} (created if needed) and returns their paths.
     *
     * @param steps each run's per-step metrics
     * @param logged the metrics callbacks logged, by run, epoch and name
     */
    public static List<Path> write(List<RunDetails> runs, Function<String, List<StepMetric>> steps,
            Map<String, Map<Integer, Map<String, Double>>> logged, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path runsFile = directory.resolve("runs.csv");
        Path epochsFile = directory.resolve("epochs.csv");
        Path stepsFile = directory.resolve("steps.csv");
        writeCsv(runsTable(runs), runsFile);
        writeCsv(epochsTable(runs, logged), epochsFile);
        List<List<Object>> rows = new ArrayList<>();
        for (RunDetails run : runs) {
            for (StepMetric step : steps.apply(run.summary().id())) {
                rows.add(List.of(run.summary().id(), step.step(), step.epoch(), step.batch(), step.trainLoss(),
                        step.recordedAt()));
            }
        }
        writeCsv(new Table(List.of("run_id", "step", "epoch", "batch", "train_loss", "recorded_at"), rows),
                stepsFile);
        return List.of(runsFile, epochsFile, stepsFile);
    }

    static Table runsTable(List<RunDetails> runs) {
        // A list param is one column per element (params.model.hidden.0, .1, ...), so each is a number to pandas.
        List<Map<String, Object>> params = runs.stream().map(Export::flatParams).toList();
        TreeSet<String> paramKeys = new TreeSet<>();
        params.forEach(run -> paramKeys.addAll(run.keySet()));
        List<String> columns = new ArrayList<>(List.of("run_id", "experiment", "status", "start", "end",
                "duration_seconds", "seed", "epochs", "stop_reason", "error", "parent", "sweep", "trial"));
        paramKeys.forEach(key -> columns.add("params." + key));
        // The built-in metrics but the epoch's seconds, then every metric a callback logged for any of the runs.
        List<String> metrics = new ArrayList<>(MetricNames.BUILT_IN);
        metrics.remove("epoch_seconds");
        TreeSet<String> logged = new TreeSet<>();
        runs.forEach(run -> logged.addAll(run.metrics().keySet()));
        logged.removeAll(MetricNames.BUILT_IN);
        metrics.addAll(logged);
        for (String metric : metrics) {
            columns.addAll(List.of("final_" + metric, "best_" + metric, "best_" + metric + "_epoch"));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            RunDetails run = runs.get(r);
            RunSummary summary = run.summary();
            List<Object> row = new ArrayList<>(List.of(summary.id(), summary.experiment(), summary.status()));
            row.add(summary.start());
            row.add(summary.end());
            row.add(summary.end() == null ? null
                    : Duration.between(summary.start(), summary.end()).toMillis() / 1000.0);
            row.add(summary.seed());
            row.add(run.epochs().size());
            row.add(summary.stopReason());
            row.add(summary.errorMessage());
            row.add(summary.lineage().parentId());
            row.add(summary.lineage().sweepId());
            row.add(summary.lineage().sweepId() == null ? null : summary.lineage().trial());
            Map<String, Object> runParams = params.get(r);
            paramKeys.forEach(key -> row.add(runParams.get(key)));
            for (String metric : metrics) {
                MetricSummary values = run.metrics().get(metric);
                boolean higherIsBetter = MetricNames.higherIsBetter(metric);
                row.add(values == null ? null : values.last());
                row.add(values == null ? null : higherIsBetter ? values.max() : values.min());
                row.add(values == null ? null : higherIsBetter ? values.maxEpoch() : values.minEpoch());
            }
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    private static Map<String, Object> flatParams(RunDetails run) {
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        run.params().forEach((key, value) -> {
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    flat.put(key + "." + i, list.get(i));
                }
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    static Table epochsTable(List<RunDetails> runs, Map<String, Map<Integer, Map<String, Double>>> logged) {
        TreeSet<String> loggedNames = new TreeSet<>();
        logged.values().forEach(epochs -> epochs.values().forEach(metrics -> loggedNames.addAll(metrics.keySet())));
        List<List<Object>> rows = new ArrayList<>();
        for (RunDetails run : runs) {
            Map<Integer, Map<String, Double>> runLogged = logged.getOrDefault(run.summary().id(), Map.of());
            for (EpochResult epoch : run.epochs()) {
                List<Object> row = new ArrayList<>(List.of(run.summary().id(), epoch.epoch()));
                MetricNames.BUILT_IN.forEach(name -> row.add(epoch.metric(name)));
                Map<String, Double> values = runLogged.getOrDefault(epoch.epoch(), Map.of());
                loggedNames.forEach(name -> row.add(values.get(name)));
                rows.add(row);
            }
        }
        List<String> columns = new ArrayList<>(List.of("run_id", "epoch"));
        columns.addAll(MetricNames.BUILT_IN);
        columns.addAll(loggedNames);
        return new Table(columns, rows);
    }

    private static void writeCsv(Table table, Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            TableWriter.write(table, OutputFormat.CSV, out);
        }
    }
}
