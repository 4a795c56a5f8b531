package io.trainyard.engine.report;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.engine.provenance.Provenance;
import io.trainyard.engine.tracking.Artifact;
import io.trainyard.engine.tracking.Checkpoint;
import io.trainyard.engine.tracking.MetricSummary;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code trainyard show}: a run's facts, every param and the per-epoch table. */
public final class RunReport {

    private RunReport() {
    }

    /** @param allProvenance whether to list every plugin's provenance rather than count them */
    public static void print(RunDetails details, boolean allProvenance, PrintStream out) {
        RunSummary run = details.summary();
        out.printf("Run         %s%n", run.id());
        String source = run.experimentFile() != null ? run.experimentFile()
                : "tracked from " + details.provenance().getOrDefault(Provenance.TRACKED_FROM, "code of its own");
        out.printf("Experiment  %s (%s)%n", run.experiment(), source);
        out.printf("Status      %s%n", run.status());
        if (run.lineage().parentId() != null) {
            out.printf("Rerun of    %s%n", run.lineage().parentId());
        }
        if (run.lineage().sweepId() != null) {
            out.printf("Sweep       %s, trial %d%n", run.lineage().sweepId(), run.lineage().trial());
        }
        if (run.errorMessage() != null) {
            out.printf("Error       %s%n", run.errorMessage());
        }
        if (run.stopReason() != null) {
            out.printf("Stopped     %s%n", run.stopReason());
        }
        out.printf("Started     %s%n", Format.time(run.start()));
        out.printf("Ended       %s (%s)%n", Format.time(run.end()), Format.duration(run.start(), run.end()));
        out.printf("Seed        %d%n", run.seed());
        if (run.datasetSha256() != null) {
            out.printf("Data        sha256 %s%n", run.datasetSha256());
        }
        out.printf("Steps       %d logged%n", details.stepCount());
        if (!details.tags().isEmpty()) {
            out.printf("Tags        %s%n", details.tags().entrySet().stream()
                    .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", ")));
        }
        if (details.note() != null) {
            out.printf("Note        %s%n", details.note());
        }
        out.println();

        out.println("Params");
        int width = details.params().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Object> param : details.params().entrySet()) {
            out.printf("  %-" + width + "s  %s%n", param.getKey(), Numbers.param(param.getValue()));
        }
        out.println();
        if (!details.provenance().isEmpty()) {
            out.println("Provenance");
            Map<String, String> facts = new TreeMap<>(Provenance.of(details.provenance()).readable());
            long plugins = facts.keySet().stream().filter(key -> key.startsWith("plugin.")).count();
            if (!allProvenance) {
                facts.keySet().removeIf(key -> key.startsWith("plugin."));
            }
            int factWidth = facts.keySet().stream().mapToInt(String::length).max().orElse(0);
            facts.forEach((key, value) -> out.printf("  %-" + factWidth + "s  %s%n", key, value));
            if (!allProvenance && plugins > 0) {
                out.printf("  (%d plugins recorded: show --provenance lists them)%n", plugins);
            }
            out.println();
        }
        List<Map.Entry<String, MetricSummary>> logged = details.metrics().entrySet().stream()
                .filter(metric -> !MetricNames.BUILT_IN.contains(metric.getKey())).toList();
        if (!logged.isEmpty()) {
            out.println("Logged metrics (by callbacks)");
            for (Map.Entry<String, MetricSummary> metric : logged) {
                MetricSummary summary = metric.getValue();
                out.printf(Locale.ROOT, "  %-20s last %s (epoch %d), min %s (epoch %d), max %s (epoch %d)%n",
                        metric.getKey(), Numbers.cell(metric.getKey(), summary.last()), summary.lastEpoch(),
                        Numbers.cell(metric.getKey(), summary.min()), summary.minEpoch(),
                        Numbers.cell(metric.getKey(), summary.max()), summary.maxEpoch());
            }
            out.println();
        }
        if (details.epochs().isEmpty()) {
            out.println("No finished epoch.");
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (EpochResult epoch : details.epochs()) {
            List<Object> row = new ArrayList<>(List.of(epoch.epoch()));
            MetricNames.BUILT_IN.forEach(name -> row.add(epoch.metric(name)));
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(List.of("epoch"));
        columns.addAll(MetricNames.BUILT_IN);
        TableWriter.write(new Table(columns, rows), OutputFormat.TABLE, out);
    }

    /** The run's files, after {@link #print}: its checkpoints, then its artifacts. */
    public static void files(Collection<Checkpoint> checkpoints, List<Artifact> artifacts, PrintStream out) {
        checkpoints.forEach(checkpoint -> out.printf(Locale.ROOT, "Checkpoint  %s: epoch %d, %s %.6g, %s (sha256 %s)%n",
                checkpoint.kind(), checkpoint.epoch(), checkpoint.monitor(), checkpoint.value(), checkpoint.path(),
                checkpoint.sha256()));
        artifacts.forEach(artifact -> out.printf(Locale.ROOT, "Artifact    %s: %s, %s (sha256 %s)%n", artifact.name(),
                Format.bytes(artifact.sizeBytes()), artifact.path(), artifact.sha256()));
    }

    /**
     * The same run as one JSON object, for programs: typed params, the provenance as people read it, each metric's
     * summary, every epoch with the metrics callbacks logged for it, the saved checkpoints and the logged artifacts.
     *
     * @param logged the metrics callbacks logged, by epoch and name
     */
    public static void json(RunDetails details, Map<Integer, Map<String, Double>> logged,
            Collection<Checkpoint> checkpoints, List<Artifact> artifacts, PrintStream out) {
        RunSummary run = details.summary();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", run.id());
        json.put("experiment", run.experiment());
        json.put("experiment_file", run.experimentFile());
        json.put("status", run.status());
        json.put("parent", run.lineage().parentId());
        json.put("sweep", run.lineage().sweepId());
        json.put("trial", run.lineage().sweepId() == null ? null : run.lineage().trial());
        json.put("error", run.errorMessage());
        json.put("stop_reason", run.stopReason());
        json.put("start", run.start());
        json.put("end", run.end());
        json.put("seed", run.seed());
        json.put("dataset_sha256", run.datasetSha256());
        json.put("steps_logged", details.stepCount());
        json.put("tags", details.tags());
        json.put("note", details.note());
        json.put("params", details.params());
        json.put("provenance", Provenance.of(details.provenance()).readable());
        Map<String, Object> metrics = new LinkedHashMap<>();
        details.metrics().forEach((name, summary) -> {
            Map<String, Object> values = new LinkedHashMap<>(); // in this order on every run, unlike Map.of's
            values.put("first", summary.first());
            values.put("last", summary.last());
            values.put("min", summary.min());
            values.put("min_epoch", summary.minEpoch());
            values.put("max", summary.max());
            values.put("max_epoch", summary.maxEpoch());
            metrics.put(name, values);
        });
        json.put("metrics", metrics);
        json.put("epochs", epochRows(details, logged));
        json.put("checkpoints", checkpoints.stream().map(checkpoint -> {
            Map<String, Object> saved = new LinkedHashMap<>();
            saved.put("kind", checkpoint.kind());
            saved.put("epoch", checkpoint.epoch());
            saved.put("monitor", checkpoint.monitor());
            saved.put("value", checkpoint.value());
            saved.put("path", checkpoint.path());
            saved.put("sha256", checkpoint.sha256());
            return saved;
        }).toList());
        json.put("artifacts", artifacts.stream().map(artifact -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", artifact.name());
            file.put("size_bytes", artifact.sizeBytes());
            file.put("sha256", artifact.sha256());
            file.put("logged_at", artifact.loggedAt());
            file.put("path", artifact.path());
            return file;
        }).toList());
        out.println(Json.value(json));
        out.flush();
    }

    /** Every epoch as a JSON object: its number, the built-in metrics, then those callbacks logged for it. */
    public static List<Map<String, Object>> epochRows(RunDetails details, Map<Integer, Map<String, Double>> logged) {
        return details.epochs().stream().map(epoch -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", epoch.epoch());
            MetricNames.BUILT_IN.forEach(name -> row.put(name, epoch.metric(name)));
            row.putAll(logged.getOrDefault(epoch.epoch(), Map.of()));
            return row;
        }).toList();
    }
}
