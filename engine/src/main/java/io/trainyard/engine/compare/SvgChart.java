package io.trainyard.engine.compare;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG, one line per run over the epochs: no script and no external resource, so the report
 * works offline and in any browser. Hovering a point shows the run, epoch and value (SVG titles).
 */
final class SvgChart {

    /** One run's line. */
    record Series(String label, String color, double[] values) {
    }

    private static final int WIDTH = 460;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;

    private SvgChart() {
    }

    static String render(String title, List<Series> series) {
        int epochs = series.stream().mapToInt(s -> s.values().length).max().orElse(0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series line : series) {
            for (double value : line.values()) {
                if (Double.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT,
                Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>", LEFT,
                Html.escape(title)));
        if (epochs == 0 || min > max) {
            svg.append("<text x=\"60\" y=\"120\">no finished epoch</text></svg>");
            return svg.toString();
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double pad = (max - min) * 0.05;
        min -= pad;
        max += pad;
        axes(svg, epochs, min, max);
        for (Series line : series) {
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < line.values().length; i++) {
                double value = line.values()[i];
                if (!Double.isFinite(value)) {
                    continue;
                }
                double x = x(i + 1, epochs);
                double y = y(value, min, max);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
                        + "<title>%s, epoch %d: %.6g</title></circle>", x, y, line.color(), Html.escape(line.label()),
                        i + 1, value));
            }
            svg.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"2\" points=\"%s\"><title>%s</title></polyline>", line.color(),
                    points.toString().trim(), Html.escape(line.label())));
            svg.append(dots);
        }
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, int epochs, double min, double max) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", LEFT,
                bottom, WIDTH - RIGHT, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", LEFT,
                TOP, LEFT, bottom));
        for (int tick = 0; tick <= 4; tick++) {
            double value = min + (max - min) * tick / 4;
            double y = y(value, min, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.3g</text>", LEFT, y,
                    WIDTH - RIGHT, y, LEFT - 6, y + 4, value));
        }
        int step = Math.max(1, (int) Math.ceil(epochs / 10.0));
        for (int epoch = 1; epoch <= epochs; epoch += step) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%d"
                    + "</text>", x(epoch, epochs), bottom + 16, epoch));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">epoch"
                + "</text>", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 4));
    }

    private static double x(int epoch, int epochs) {
        double span = WIDTH - LEFT - RIGHT;
        return epochs == 1 ? LEFT + span / 2 : LEFT + span * (epoch - 1) / (epochs - 1);
    }

    private static double y(double value, double min, double max) {
        double span = HEIGHT - TOP - BOTTOM;
        return TOP + span * (1 - (value - min) / (max - min));
    }
}
