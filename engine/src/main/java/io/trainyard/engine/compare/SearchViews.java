package io.trainyard.engine.compare;

import io.trainyard.engine.report.Html;
import io.trainyard.engine.report.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's search views, for sweeps and any comparison of several configurations: parallel coordinates, the
 * final accuracy against each param (drawn by the page's script), a heatmap of the mean for two params, the params'
 * importance, and the best so far by trial (drawn by the script for a sweep).
 */
final class SearchViews {

    private SearchViews() {
    }

    /** The views, for a comparison of more than one configuration with params that set them apart. */
    static String render(Comparison comparison) {
        StringBuilder html = new StringBuilder();
        html.append("<h2 id=\"search\">Search</h2><h3>Parallel coordinates</h3><p class=\"note\">One line per run"
                + " through its params to its final test accuracy.</p>").append(ParallelCoordinates.render(comparison));
        html.append("<h3>Final test accuracy by param</h3><div id=\"scatter\" class=\"charts\"></div>");
        List<String> keys = List.copyOf(comparison.groups().get(0).params().keySet());
        if (keys.size() == 2) {
            html.append("<h3>Heatmap</h3>").append(heatmap(comparison, keys.get(0), keys.get(1)));
        }
        Map<String, Double> importance = ParamImportance.of(comparison);
        if (!importance.isEmpty()) {
            html.append("<h3>Param importance</h3><p class=\"note\">The share of the variance of final test accuracy"
                    + " each param explains on its own (eta squared of a one-way analysis of variance over the runs);"
                    + " the seeds' share is the spread within a configuration, the noise a difference has to beat."
                    + "</p><table class=\"importance\"><thead><tr><th>param</th><th>share of variance</th></tr></thead>"
                    + "<tbody>");
            importance.forEach((key, share) -> html.append("<tr><td>").append(Html.escape(key))
                    .append("</td><td class=\"number\"><span class=\"bar\" style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", 100 * Math.max(0, share))).append("px\"></span>")
                    .append(Numbers.percent(share)).append("</td></tr>"));
            html.append("</tbody></table>");
        }
        html.append("<div id=\"history-section\" hidden><h3>Best so far by trial</h3><div id=\"history\""
                + " class=\"charts\"></div></div>");
        return html.toString();
    }

    /** The mean final test accuracy of each pair of values of two params, darker for better. */
    private static String heatmap(Comparison comparison, String rowKey, String columnKey) {
        List<Object> rows = distinct(comparison, rowKey);
        List<Object> columns = distinct(comparison, columnKey);
        double min = comparison.groups().stream().mapToDouble(Group::mean).filter(Double::isFinite).min().orElse(0);
        double max = comparison.groups().stream().mapToDouble(Group::mean).filter(Double::isFinite).max().orElse(1);
        StringBuilder html = new StringBuilder("<table class=\"heatmap\"><thead><tr><th>")
                .append(Html.escape(rowKey)).append(" \\ ").append(Html.escape(columnKey)).append("</th>");
        columns.forEach(column -> html.append("<th>").append(Html.escape(Numbers.param(column))).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (Object row : rows) {
            html.append("<tr><th>").append(Html.escape(Numbers.param(row))).append("</th>");
            for (Object column : columns) {
                Group cell = comparison.groups().stream().filter(group -> Numbers.param(group.params().get(rowKey))
                        .equals(Numbers.param(row)) && Numbers.param(group.params().get(columnKey))
                        .equals(Numbers.param(column))).findFirst().orElse(null);
                if (cell == null || !Double.isFinite(cell.mean())) {
                    html.append("<td>-</td>");
                    continue;
                }
                double level = max == min ? 1 : (cell.mean() - min) / (max - min);
                html.append(String.format(Locale.ROOT, "<td class=\"number\" style=\"background:rgba(8,81,156,%.2f);"
                        + "color:%s\">", 0.1 + 0.8 * level, level > 0.5 ? "#fff" : "#111"))
                        .append(Numbers.percent(cell.mean())).append(" <small>n=").append(cell.n())
                        .append("</small></td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static List<Object> distinct(Comparison comparison, String key) {
        ParamAxis axis = ParamAxis.of(key, comparison.groups().stream().map(group -> group.params().get(key))
                .toList());
        List<Object> values = new ArrayList<>();
        comparison.groups().stream().map(group -> group.params().get(key)).filter(value -> values.stream()
                .noneMatch(seen -> Numbers.param(seen).equals(Numbers.param(value)))).forEach(values::add);
        values.sort(Comparator.comparingDouble(axis::position));
        return values;
    }
}
