package io.trainyard.engine.compare;

import io.trainyard.engine.report.Html;
import io.trainyard.engine.report.Numbers;
import io.trainyard.engine.tracking.RunDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parallel-coordinates plot as inline SVG: one vertical axis per distinguishing param and a last one for the
 * final test accuracy, one line per run across them in its configuration's colour, so that the params of the good
 * runs show as where the top lines cross each axis. Hovering a line names the run.
 */
final class ParallelCoordinates {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 320;
    private static final int SIDE = 80;
    private static final int TOP = 40;
    private static final int BOTTOM = 40;

    private ParallelCoordinates() {
    }

    static String render(Comparison comparison) {
        List<String> keys = List.copyOf(comparison.groups().get(0).params().keySet());
        List<ParamAxis> axes = new ArrayList<>();
        for (String key : keys) {
            axes.add(ParamAxis.of(key, comparison.groups().stream().map(group -> group.params().get(key)).toList()));
        }
        List<Object> finals = new ArrayList<>();
        comparison.groups().forEach(group -> {
            for (double value : group.finals()) {
                finals.add(value);
            }
        });
        ParamAxis accuracy = ParamAxis.of("final test accuracy", finals);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"parallel\" viewBox=\"0 0 %d %d\""
                + " xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"parallel coordinates\">", WIDTH,
                HEIGHT));
        int count = axes.size() + 1;
        for (int i = 0; i < count; i++) {
            ParamAxis axis = i < axes.size() ? axes.get(i) : accuracy;
            double x = x(i, count);
            svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"name\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%s</text>", x, TOP, x,
                    HEIGHT - BOTTOM, x, TOP - 16, Html.escape(axis.name()), axis.log() ? " (log)" : ""));
            List<Object> ticks = axis != accuracy ? axis.ticks() : List.copyOf(new java.util.TreeSet<>(List.of(
                    accuracy.min(), accuracy.max())));
            for (Object tick : ticks) {
                svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + 6,
                        y(axis.position(tick)) + 4, Html.escape(axis == accuracy ? Numbers.percent((Double) tick)
                                : Numbers.param(tick))));
            }
        }
        // The best configuration last, and its best run last of all, so that the best lines are drawn on top.
        for (int g = comparison.groups().size() - 1; g >= 0; g--) {
            Group group = comparison.groups().get(g);
            List<RunDetails> runs = group.runs();
            for (int r = group.finals().length - 1; r >= 0; r--) {
                StringBuilder points = new StringBuilder();
                for (int i = 0; i < axes.size(); i++) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, count),
                            y(axes.get(i).position(group.params().get(axes.get(i).name())))));
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f", x(axes.size(), count),
                        y(accuracy.position(group.finals()[r]))));
                svg.append(String.format(Locale.ROOT, "<polyline class=\"run\" fill=\"none\" stroke=\"%s\""
                        + " points=\"%s\"><title>%s</title></polyline>", Palette.color(group.number() - 1), points,
                        Html.escape(runs.get(r).summary().id() + ": " + group.label() + ", final test accuracy "
                                + Numbers.percent(group.finals()[r]))));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static double x(int axis, int count) {
        return SIDE + (WIDTH - 2.0 * SIDE) * axis / Math.max(1, count - 1);
    }

    private static double y(double position) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * position;
    }
}
