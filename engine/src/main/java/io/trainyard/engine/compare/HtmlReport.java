package io.trainyard.engine.compare;

import io.trainyard.engine.report.Html;
import io.trainyard.engine.report.Numbers;
import io.trainyard.engine.report.Table;
import io.trainyard.engine.tracking.RunDetails;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The comparison as one self-contained HTML page, answering on its first screen which configuration is best, by
 * how much and how sure we are; then the configurations, the curves (each configuration's mean with a band of one
 * standard deviation over its seeds, and each run), the training loss by step, the search views of a sweep
 * (parallel coordinates, accuracy against each param, a heatmap of two params, param importance, best so far by
 * trial) and every run. The charts are drawn by uPlot, inlined with the page's own script and the data, so the
 * file makes no request and works offline. User strings are escaped in the HTML and, in the data, JSON-escaped
 * with {@code <} as {@code \u003c}, so that no text can close the script element; the script writes text only
 * through {@code textContent}.
 */
public final class HtmlReport {

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Where the page's styles and scripts come from. */
    public enum Embedding {
        /** In the page itself: one file that works offline (compare --format html). */
        INLINE,
        /** From the dashboard's /static/ files, which its Content-Security-Policy allows (no inline script). */
        LINKED
    }

    private HtmlReport() {
    }

    /** The report as one self-contained file. */
    public static String render(Comparison comparison, RunHistory history, Instant generated) {
        return render(comparison, history, generated, Embedding.INLINE);
    }

    public static String render(Comparison comparison, RunHistory history, Instant generated, Embedding embedding) {
        String title = title(comparison.runs());
        boolean inline = embedding == Embedding.INLINE;
        StringBuilder html = new StringBuilder(200_000);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title>");
        if (inline) {
            ReportAssets.STYLES.forEach(sheet -> html.append("<style>").append(ReportAssets.text(sheet))
                    .append("</style>"));
        } else {
            html.append(ReportAssets.styleLinks());
        }
        html.append("</head><body>\n").append(inline ? "" : ReportAssets.NAVIGATION);
        html.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        html.append("<p class=\"meta\">Generated ").append(GENERATED.format(generated)).append(" by Trainyard: ")
                .append(comparison.runs().size()).append(" runs in ").append(comparison.groups().size())
                .append(comparison.groups().size() == 1 ? " configuration" : " configurations")
                .append(". Accuracy is in percent; a configuration is the runs whose params differ only in the seed."
                        + "</p>\n");
        List<String> verdict = Verdict.of(comparison);
        html.append("<section id=\"verdict\"><p class=\"headline\">").append(Html.escape(verdict.get(0)))
                .append("</p>");
        verdict.stream().skip(1).forEach(line -> html.append("<p>").append(Html.escape(line)).append("</p>"));
        html.append("</section>\n<h2>Configurations</h2>").append(table(comparison.groupsTable(false), true));
        html.append("<h2>Curves</h2><p class=\"note\">Each configuration's mean over its runs, with a band of one"
                + " standard deviation; its runs dashed. Drag to zoom, double-click to reset.</p>"
                + "<div id=\"curves\" class=\"charts\"></div>\n");
        html.append("<div id=\"steps-section\" hidden><h2>Training loss by step</h2><div id=\"steps\" class=\"charts\">"
                + "</div></div>\n");
        if (!comparison.groups().get(0).params().isEmpty() && comparison.groups().size() > 1) {
            html.append(SearchViews.render(comparison));
        }
        html.append("<h2>Runs</h2>").append(table(comparison.runsTable(), false));
        html.append("\n<script type=\"application/json\" id=\"chart-data\">")
                .append(ChartData.json(comparison, history))
                .append("</script>\n");
        if (inline) {
            ReportAssets.SCRIPTS.forEach(script -> html.append("<script>").append(ReportAssets.text(script))
                    .append("</script>\n"));
        } else {
            html.append(ReportAssets.scriptElements()).append('\n');
        }
        html.append("<noscript><p>The charts need JavaScript; the tables hold every number.</p></noscript>\n"
                + "</body></html>\n");
        return html.toString();
    }

    /** Names the sweep or experiment the runs share. */
    static String title(List<RunDetails> runs) {
        List<String> experiments = runs.stream().map(run -> run.summary().experiment()).distinct().toList();
        List<String> sweeps = runs.stream().map(run -> String.valueOf(run.summary().lineage().sweepId())).distinct()
                .toList();
        if (sweeps.size() == 1 && runs.get(0).summary().lineage().sweepId() != null) {
            return "Sweep " + sweeps.get(0) + " of " + experiments.get(0) + ": " + runs.size() + " runs compared";
        }
        return (experiments.size() == 1 ? experiments.get(0) : String.join(", ", experiments.subList(0,
                Math.min(3, experiments.size()))) + (experiments.size() > 3 ? " and others" : "")) + ": "
                + runs.size() + " runs compared";
    }

    private static String table(Table table, boolean swatches) {
        StringBuilder html = new StringBuilder("<div class=\"scroll\"><table><thead><tr>");
        if (swatches) {
            html.append("<th></th>");
        }
        table.columns().forEach(column -> html.append("<th>").append(Html.escape(column)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rows().size(); r++) {
            List<Object> row = table.rows().get(r);
            html.append("<tr>");
            if (swatches) {
                html.append("<td><i class=\"swatch\" style=\"background:").append(Palette.color(r))
                        .append("\"></i></td>");
            }
            for (int c = 0; c < row.size(); c++) {
                Object cell = row.get(c);
                html.append(cell instanceof Number ? "<td class=\"number\">" : "<td>")
                        .append(Html.escape(Numbers.cell(table.columns().get(c), cell))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }
}
