package io.trainyard.engine.compare;

import io.trainyard.engine.report.Json;
import io.trainyard.engine.report.Markdown;
import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.report.Table;
import io.trainyard.engine.report.TableWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link Comparison} for the terminal or as Markdown (the verdict first, then the configurations and the
 * runs), as CSV (the runs, with their group) or as JSON (all of it, the params of each group as an object).
 */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    public static void write(Comparison comparison, OutputFormat format, PrintStream out) {
        switch (format) {
            case TABLE, MARKDOWN -> {
                boolean markdown = format == OutputFormat.MARKDOWN;
                List<String> verdict = Verdict.of(comparison);
                out.println(markdown ? verdict.stream().map(line -> Markdown.escape(line))
                        .collect(Collectors.joining("\n\n")) : String.join("\n", verdict));
                if (comparison.groups().size() < comparison.runs().size() || comparison.groups().size() > 1) {
                    out.println(markdown ? "\n## Configurations\n" : "\nConfigurations (runs that differ only in"
                            + " their seed form one; tested against the best)");
                    TableWriter.write(comparison.groupsTable(false), format, out);
                }
                out.println(markdown ? "\n## Runs\n" : "\nRuns");
                TableWriter.write(comparison.runsTable(), format, out);
            }
            case CSV -> TableWriter.write(comparison.runsTable(), format, out);
            case JSON -> out.println(json(comparison));
        }
    }

    private static String json(Comparison comparison) {
        return "{\"verdict\": " + Json.value(Verdict.of(comparison))
                + ", \"method\": {\"metric\": \"final_" + Comparison.METRIC + "\", \"test\": \"welch\","
                + " \"against\": \"best\", \"correction\": \"holm\", \"level\": " + Comparison.LEVEL + "}"
                + ", \"groups\": " + tableJson(comparison.groupsTable(true))
                + ", \"runs\": " + tableJson(comparison.runsTable()) + "}";
    }

    private static String tableJson(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TableWriter.write(table, OutputFormat.JSON, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }
}
