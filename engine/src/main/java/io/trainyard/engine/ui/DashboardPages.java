package io.trainyard.engine.ui;

import io.trainyard.engine.compare.Group;
import io.trainyard.engine.compare.ReportAssets;
import io.trainyard.engine.provenance.Provenance;
import io.trainyard.engine.report.Html;
import io.trainyard.engine.report.Numbers;
import io.trainyard.engine.tracking.Artifact;
import io.trainyard.engine.tracking.Checkpoint;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunSummary;
import io.trainyard.engine.tracking.SweepRecord;
import io.trainyard.engine.tracking.SweepSummary;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's pages as HTML, every recorded string escaped. Pages carry no inline script (the Content-Security-
 * Policy forbids it); what moves is drawn by {@code dashboard.js} from the JSON calls, through textContent only.
 */
final class DashboardPages {

    private DashboardPages() {
    }

    static String runs() {
        return page("Runs", "runs", """
                <h1>Runs</h1>
                <form id="runs-form" class="toolbar">
                  <label>Filter <input id="runs-filter" name="filter" size="60" autocomplete="off"
                    placeholder="params.optimizer.lr < 0.01 and metrics.test_accuracy >= 0.8"></label>
                  <label>Order <input id="runs-order" name="order" size="24" autocomplete="off"
                    placeholder="metrics.test_accuracy desc"></label>
                  <button type="submit">Apply</button>
                  <button type="button" id="compare-button" disabled>Compare selected</button>
                </form>
                <p id="runs-message" class="note"></p>
                <div class="scroll"><table id="runs-table"><thead><tr><th></th><th>run_id</th><th>experiment</th>
                <th>status</th><th>start</th><th>epochs</th><th>final_test_accuracy</th></tr></thead>
                <tbody></tbody></table></div>
                """);
    }

    static String run(RunDetails run, Collection<Checkpoint> checkpoints, List<Artifact> artifacts, boolean edits) {
        RunSummary summary = run.summary();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Run ").append(Html.escape(summary.id())).append("</h1>");
        body.append("<p class=\"meta\">").append(Html.escape(summary.experiment())).append(" · <span id=\"status\">")
                .append(Html.escape(summary.status())).append("</span> · started ")
                .append(Numbers.cell("start", summary.start())).append(" · seed ").append(summary.seed());
        if (summary.lineage().sweepId() != null) {
            body.append(" · <a href=\"/sweeps/").append(Html.escape(summary.lineage().sweepId())).append("\">sweep ")
                    .append(Html.escape(summary.lineage().sweepId())).append("</a>, trial ")
                    .append(summary.lineage().trial());
        }
        body.append("</p>");
        if (summary.errorMessage() != null || summary.stopReason() != null) {
            body.append("<p class=\"error\">").append(Html.escape(summary.errorMessage() != null
                    ? summary.errorMessage() : summary.stopReason())).append("</p>");
        }
        body.append("<div id=\"live\" class=\"charts\" data-run=\"").append(Html.escape(summary.id()))
                .append("\"></div>");
        body.append("<div class=\"columns\"><section><h2>Params</h2>").append(pairs(toText(run.params()), true));
        body.append("<h2>Tags</h2>").append(run.tags().isEmpty() ? "<p class=\"note\">none</p>"
                : pairs(new TreeMap<>(run.tags()), false));
        body.append("<h2>Note</h2><p id=\"note\">").append(run.note() == null ? "<span class=\"note\">none</span>"
                : Html.escape(run.note())).append("</p>");
        if (edits) {
            body.append("""
                    <form id="tag-form" class="edit"><input name="key" placeholder="tag key" required>
                    <input name="value" placeholder="value (empty removes it)"><button type="submit">Set tag</button>
                    </form>
                    <form id="note-form" class="edit"><textarea name="note" rows="2" cols="40"
                    placeholder="note (empty clears it)"></textarea><button type="submit">Save note</button></form>
                    <p id="edit-message" class="note"></p>
                    """);
        }
        body.append("</section><section><h2>Files</h2>");
        if (checkpoints.isEmpty() && artifacts.isEmpty()) {
            body.append("<p class=\"note\">none</p>");
        }
        body.append("<ul>");
        checkpoints.forEach(checkpoint -> body.append("<li>checkpoint ").append(Html.escape(checkpoint.kind()))
                .append(": epoch ").append(checkpoint.epoch()).append(", ").append(Html.escape(checkpoint.monitor()))
                .append(' ').append(Numbers.cell(checkpoint.monitor(), checkpoint.value())).append(", sha256 <code>")
                .append(Html.escape(checkpoint.sha256())).append("</code></li>"));
        artifacts.forEach(artifact -> body.append("<li>artifact ").append(Html.escape(artifact.name()))
                .append(", sha256 <code>").append(Html.escape(artifact.sha256())).append("</code></li>"));
        body.append("</ul><details><summary>Provenance</summary>")
                .append(pairs(new TreeMap<>(Provenance.of(run.provenance()).readable()), false))
                .append("</details></section></div>");
        return page("Run " + summary.id(), "run", body.toString());
    }

    static String sweeps(List<SweepSummary> sweeps, Map<String, Group> best) {
        StringBuilder body = new StringBuilder("<h1>Sweeps</h1>");
        if (sweeps.isEmpty()) {
            body.append("<p class=\"note\">No sweeps yet: run 'trainyard sweep FILE'.</p>");
        }
        body.append("<div class=\"scroll\"><table id=\"sweeps-table\"><thead><tr><th>sweep_id</th><th>experiment</th>"
                + "<th>status</th><th>start</th><th>trials</th><th>best_config</th><th>best_mean_test_accuracy</th>"
                + "</tr></thead><tbody>");
        for (SweepSummary summary : sweeps) {
            SweepRecord sweep = summary.sweep();
            Group top = best.get(sweep.id());
            body.append("<tr><td><a href=\"/sweeps/").append(Html.escape(sweep.id())).append("\">")
                    .append(Html.escape(sweep.id())).append("</a></td><td>").append(Html.escape(sweep.name()))
                    .append("</td><td>").append(Html.escape(sweep.status())).append("</td><td>")
                    .append(Numbers.cell("start", sweep.start())).append("</td><td class=\"number\">")
                    .append(summary.ended()).append('/').append(summary.trials()).append("</td><td>")
                    .append(top == null ? "-" : Html.escape(top.label())).append("</td><td class=\"number\">")
                    .append(top == null ? "-" : Numbers.percent(top.mean())).append("</td></tr>");
        }
        return page("Sweeps", "sweeps", body.append("</tbody></table></div>").toString());
    }

    static String login(boolean failed) {
        return page("Sign in", "login", "<h1>Sign in</h1><p>This dashboard asks for the token its owner set in "
                + Access.TOKEN_VARIABLE + ".</p>" + (failed ? "<p class=\"error\">That is not the token.</p>" : "")
                + "<form method=\"post\" action=\"/login\"><input type=\"password\" name=\"token\" required"
                + " autocomplete=\"current-password\"> <button type=\"submit\">Sign in</button></form>");
    }

    private static Map<String, String> toText(Map<String, Object> params) {
        Map<String, String> text = new TreeMap<>();
        params.forEach((key, value) -> text.put(key, Numbers.param(value)));
        return text;
    }

    private static String pairs(Map<String, String> pairs, boolean params) {
        StringBuilder html = new StringBuilder("<table class=\"pairs").append(params ? " params" : "")
                .append("\"><tbody>");
        pairs.forEach((key, value) -> html.append("<tr><th>").append(Html.escape(key)).append("</th><td>")
                .append(Html.escape(value)).append("</td></tr>"));
        return html.append("</tbody></table>").toString();
    }

    private static String page(String title, String kind, String body) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(Html.escape(title)).append(" · Trainyard</title>");
        return html.append(ReportAssets.styleLinks("dashboard.css")).append("</head><body data-page=\"").append(kind)
                .append("\">\n").append(ReportAssets.NAVIGATION).append(body)
                .append(ReportAssets.scriptElements("dashboard.js")).append("\n</body></html>\n").toString();
    }
}
