package io.trainyard.engine.compare;

import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.report.Table;
import io.trainyard.engine.report.TableWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Writes a {@link Comparison} for the terminal, as Markdown, CSV (the runs, with their group) or JSON. */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    public static void write(Comparison comparison, OutputFormat format, PrintStream out) {
        switch (format) {
            case TABLE, MARKDOWN -> {
                out.println(format == OutputFormat.MARKDOWN ? "## Runs\n" : "Runs");
                TableWriter.write(comparison.runsTable(), format, out);
                if (comparison.groups().size() < comparison.runs().size()) {
                    out.println(format == OutputFormat.MARKDOWN ? "\n## Repeats\n"
                            : "\nRepeats (runs that differ only in their seed)");
                    TableWriter.write(comparison.groupsTable(), format, out);
                }
                comparison.test().ifPresent(test -> out.println("\n" + verdict(comparison, test)));
            }
            case CSV -> TableWriter.write(comparison.runsTable(), format, out);
            case JSON -> out.println(json(comparison));
        }
    }

    /** One sentence: the difference in points, t, df, p and whether it is significant at {@link Comparison#LEVEL}. */
    public static String verdict(Comparison comparison, WelchTest test) {
        return String.format(Locale.ROOT, "Welch's t-test on the final test accuracy, group %d vs group %d:"
                + " difference %+.2f points, t = %.3f, df = %.1f, p = %.4g: %s at the %.0f%% level.",
                comparison.groups().get(0).number(), comparison.groups().get(1).number(), 100 * test.difference(),
                test.t(), test.degreesOfFreedom(), test.p(),
                test.significantAt(Comparison.LEVEL) ? "significant" : "not significant", 100 * Comparison.LEVEL);
    }

    private static String json(Comparison comparison) {
        StringBuilder json = new StringBuilder("{\"runs\": ");
        json.append(tableJson(comparison.runsTable())).append(", \"groups\": ")
                .append(tableJson(comparison.groupsTable())).append(", \"welch_test\": ");
        json.append(comparison.test().map(test -> String.format(Locale.ROOT,
                "{\"metric\": \"final_test_accuracy\", \"groups\": [1, 2], \"difference\": %s, \"t\": %s,"
                        + " \"df\": %s, \"p\": %s, \"significant_at_0.05\": %s}", number(test.difference()),
                number(test.t()), number(test.degreesOfFreedom()), number(test.p()),
                test.significantAt(Comparison.LEVEL))).orElse("null"));
        return json.append('}').toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String tableJson(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TableWriter.write(table, OutputFormat.JSON, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }
}
