package io.trainyard.engine.ui;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.compare.Comparison;
import io.trainyard.engine.compare.HtmlReport;
import io.trainyard.engine.compare.RunHistory;
import io.trainyard.engine.compare.SweepBest;
import io.trainyard.engine.query.FilterParser;
import io.trainyard.engine.query.RunOrder;
import io.trainyard.engine.report.Json;
import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.report.RunReport;
import io.trainyard.engine.report.RunsTable;
import io.trainyard.engine.tracking.Reading;
import io.trainyard.engine.tracking.RunAnnotations;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunSelection;
import io.trainyard.engine.tracking.StepMetric;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.tracking.SweepSummary;
import io.trainyard.engine.tracking.TrialState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What each page and each call of the dashboard shows, read from the store on every request. */
final class Dashboard {

    /** The most runs the runs page lists at once; a filter narrows them. */
    static final int RUNS_SHOWN = 500;

    private final RunQueries runs;
    private final SweepQueries sweeps;
    private final RunAnnotations annotations;
    private final boolean edits;

    /** @param edits whether run pages offer to set tags and notes */
    Dashboard(RunQueries runs, SweepQueries sweeps, RunAnnotations annotations, boolean edits) {
        this.runs = runs;
        this.sweeps = sweeps;
        this.annotations = annotations;
        this.edits = edits;
    }

    Response runsPage() {
        return Response.html(DashboardPages.runs());
    }

    /** The runs that pass the filter, as {@code runs --format json} lists them. */
    Response runsJson(String filter, String order) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunsTable.print(runs.list(Optional.ofNullable(blankToNull(filter)).map(FilterParser::parse),
                blankToNull(order) == null ? RunOrder.NEWEST_FIRST : RunOrder.parse(order), RUNS_SHOWN),
                OutputFormat.JSON, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return Response.json(bytes.toString(StandardCharsets.UTF_8));
    }

    Response runPage(String id) {
        RunDetails run = runs.find(id);
        return Response.html(DashboardPages.run(run, runs.checkpoints(run.summary().id()).values(),
                runs.artifacts(run.summary().id()), edits));
    }

    /**
     * A run as it stands: its status, every recorded epoch with the metrics callbacks logged, and its steps after
     * {@code since} (the page asks for what it has not drawn yet).
     */
    Response live(String id, long since) {
        RunDetails run = runs.find(id);
        String runId = run.summary().id();
        Map<Integer, Map<String, Double>> logged = runs.loggedMetrics(List.of(runId)).getOrDefault(runId, Map.of());
        List<Long> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (StepMetric step : runs.steps(runId, since)) {
            steps.add(step.step());
            losses.add(step.trainLoss());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", runId);
        json.put("status", run.summary().status());
        json.put("epochs", RunReport.epochRows(run, logged));
        json.put("steps", Map.of("step", steps, "train_loss", losses));
        return Response.json(Json.value(json));
    }

    /** The comparison report of the runs named, or of those that pass a filter. */
    Response compare(String ids, String filter) {
        if (blankToNull(ids) == null && blankToNull(filter) == null) {
            throw new TrainyardException("choose runs to compare on the runs page, or add ?filter=... to the address");
        }
        List<String> named = blankToNull(ids) == null ? List.of() : Arrays.stream(ids.split(",")).map(String::trim)
                .filter(id -> !id.isEmpty()).toList();
        return report(RunSelection.select(runs, named, blankToNull(filter), false, Reading.EPOCHS));
    }

    Response sweepsPage() {
        List<SweepSummary> list = sweeps.list();
        return Response.html(DashboardPages.sweeps(list, SweepBest.of(list, runs)));
    }

    /** A sweep's trials ranked, as {@code compare --sweep} does. */
    Response sweep(String id) {
        List<String> trials = sweeps.trials(sweeps.find(id).id()).stream().map(TrialState::runId)
                .filter(Objects::nonNull).toList();
        if (trials.isEmpty()) {
            throw new TrainyardException("sweep " + id + " has no trial run yet");
        }
        return report(runs.detailsById(trials, Reading.EPOCHS));
    }

    private Response report(List<RunDetails> chosen) {
        List<String> ids = chosen.stream().map(run -> run.summary().id()).toList();
        Map<String, List<StepMetric>> steps = new LinkedHashMap<>();
        ids.forEach(id -> steps.put(id, runs.steps(id)));
        return Response.html(HtmlReport.render(Comparison.of(chosen, false), new RunHistory(steps,
                runs.loggedMetrics(ids)), Instant.now(), HtmlReport.Embedding.LINKED));
    }

    /** Sets a tag (or removes it, given no value) or the note, as {@code tag} and {@code note} do. */
    Response edit(String id, Map<String, String> form) {
        String runId = runs.find(id).summary().id();
        if (form.containsKey("note")) {
            annotations.note(runId, form.get("note").isEmpty() ? null : form.get("note"));
        } else {
            String key = form.getOrDefault("key", "");
            String value = blankToNull(form.get("value"));
            if (key.isEmpty()) {
                throw new TrainyardException("a tag needs a key");
            }
            if (value != null) {
                RunAnnotations.checkTag(key, value);
            }
            annotations.tag(runId, key, value);
        }
        return Response.json("{\"ok\": true}");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
