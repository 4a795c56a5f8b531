package io.trainyard.engine.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a {@link Table}. CSV and JSON keep full precision and ISO-8601 UTC times so that pandas and spreadsheets
 * read them back exactly; a missing value is an empty CSV cell or JSON null, never a shifted column.
 */
public final class TableWriter {

    private TableWriter() {
    }

    public static void write(Table table, OutputFormat format, PrintStream out) {
        switch (format) {
            case TABLE -> aligned(table, out);
            case CSV -> csv(table, out);
            case JSON -> json(table, out);
            case MARKDOWN -> markdown(table, out);
        }
        out.flush();
    }

    private static void aligned(Table table, PrintStream out) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(table.columns().stream().map(column -> column.toUpperCase(Locale.ROOT)).toList());
        table.rows().forEach(row -> cells.add(display(table.columns(), row)));
        int[] widths = new int[table.columns().size()];
        for (List<String> row : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                // Padded by hand: a String.format per cell took a tenth of 'runs' on a store of 1 000 runs.
                String cell = row.get(i);
                line.append(i == 0 ? "" : "  ").append(cell).append(" ".repeat(widths[i] - cell.length()));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static void markdown(Table table, PrintStream out) {
        out.println("| " + String.join(" | ", table.columns().stream().map(Markdown::escape).toList()) + " |");
        out.println("|" + "---|".repeat(table.columns().size()));
        for (List<Object> row : table.rows()) {
            out.println("| " + String.join(" | ", display(table.columns(), row).stream().map(Markdown::escape).toList())
                    + " |");
        }
    }

    private static void csv(Table table, PrintStream out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                    .setHeader(table.columns().stream().map(Csv::text).toArray(String[]::new)).build());
            for (List<Object> row : table.rows()) {
                printer.printRecord(row.stream().map(cell -> cell instanceof String text ? Csv.text(text)
                        : raw(cell)).toList());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void json(Table table, PrintStream out) {
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < table.rows().size(); r++) {
            json.append(r == 0 ? "\n  {" : ",\n  {");
            List<Object> row = table.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                json.append(c == 0 ? "" : ", ").append(Json.string(table.columns().get(c))).append(": ")
                        .append(Json.value(row.get(c)));
            }
            json.append('}');
        }
        out.println(json.append(table.rows().isEmpty() ? "]" : "\n]"));
    }

    /** For people: each cell spelled by {@link Numbers#cell}. */
    private static List<String> display(List<String> columns, List<Object> row) {
        List<String> cells = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            cells.add(Numbers.cell(columns.get(i), row.get(i)));
        }
        return cells;
    }

    /** For programs: full precision, ISO-8601, missing as empty. */
    static String raw(Object cell) {
        if (cell == null || (cell instanceof Double number && !Double.isFinite(number))) {
            return "";
        }
        if (cell instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        return cell.toString();
    }
}
