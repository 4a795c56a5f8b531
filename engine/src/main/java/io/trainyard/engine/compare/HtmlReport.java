package io.trainyard.engine.compare;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.engine.report.Table;
import io.trainyard.engine.tracking.RunDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The comparison as one self-contained HTML page: the runs with their differing params and results, the repeats and
 * the significance test, and the per-epoch curves of every run overlaid. Styles are inline and charts are SVG, so
 * the file makes no request and can be mailed or archived as is. Every user-supplied string is escaped.
 */
public final class HtmlReport {

    /** Distinguishable colours (Tableau 10), cycled for more runs. */
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private HtmlReport() {
    }

    public static String render(Comparison comparison, Instant generated) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Trainyard comparison of ").append(comparison.runs().size()).append(" runs</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Comparison of ").append(comparison.runs().size()).append(" runs</h1>");
        html.append("<p class=\"meta\">Generated ").append(Html.escape(generated)).append(" by Trainyard. Params"
                + " listed are those that differ between the runs.</p>\n");
        html.append("<h2>Runs</h2>").append(table(comparison.runsTable())).append('\n');
        if (comparison.groups().size() < comparison.runs().size()) {
            html.append("<h2>Repeats</h2><p>Runs that differ only in their seed form a group.</p>")
                    .append(table(comparison.groupsTable()));
            comparison.test().ifPresent(test -> html.append("<p class=\"verdict\">")
                    .append(Html.escape(ComparisonReport.verdict(comparison, test))).append("</p>"));
        }
        html.append("<h2>Curves</h2><div class=\"legend\">");
        List<RunDetails> runs = comparison.runs();
        for (int i = 0; i < runs.size(); i++) {
            html.append("<span><i style=\"background:").append(color(i)).append("\"></i>")
                    .append(Html.escape(runs.get(i).summary().id())).append("</span>");
        }
        html.append("</div><div class=\"charts\">\n");
        html.append(chart("Train loss", runs, EpochResult::trainLoss));
        html.append(chart("Test loss", runs, EpochResult::testLoss));
        html.append(chart("Train accuracy", runs, EpochResult::trainAccuracy));
        html.append(chart("Test accuracy", runs, EpochResult::testAccuracy));
        return html.append("</div>\n</body></html>\n").toString();
    }

    private static String chart(String title, List<RunDetails> runs, ToDoubleFunction<EpochResult> metric) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            double[] values = runs.get(i).epochs().stream().mapToDouble(metric).toArray();
            series.add(new SvgChart.Series(runs.get(i).summary().id(), color(i), values));
        }
        return SvgChart.render(title, series) + "\n";
    }

    private static String color(int index) {
        return COLORS[index % COLORS.length];
    }

    private static String table(Table table) {
        StringBuilder html = new StringBuilder("<div class=\"scroll\"><table><thead><tr>");
        table.columns().forEach(column -> html.append("<th>").append(Html.escape(column)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (List<Object> row : table.rows()) {
            html.append("<tr>");
            for (Object cell : row) {
                html.append(cell instanceof Number ? "<td class=\"number\">" : "<td>").append(Html.escape(cell(cell)))
                        .append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    private static String cell(Object cell) {
        if (cell == null || (cell instanceof Double number && !Double.isFinite(number))) {
            return "-";
        }
        return cell instanceof Double number ? String.format(Locale.ROOT, "%.4f", number) : cell.toString();
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin:.5em 0;font-size:14px}th,td{border:1px solid #ccc;"
            + "padding:4px 8px;text-align:left}td.number{text-align:right;font-variant-numeric:tabular-nums}"
            + "td{white-space:nowrap}.scroll{overflow-x:auto}th{background:#f3f3f3}.meta{color:#666}.verdict{font-weight:600}.charts{display:flex;flex-wrap:wrap;"
            + "gap:16px}.chart{border:1px solid #ddd;background:#fff}.chart .title{font-weight:600;font-size:14px}"
            + ".chart .tick{font-size:11px;fill:#555}.chart .axis{stroke:#333}.chart .grid{stroke:#eee}"
            + ".legend span{margin-right:1.5em;font-size:14px;white-space:nowrap}.legend i{display:inline-block;width:12px;height:12px;"
            + "margin-right:4px;vertical-align:middle}";
}
