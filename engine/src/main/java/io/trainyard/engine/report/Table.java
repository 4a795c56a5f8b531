package io.trainyard.engine.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows under named columns, the one shape every listing takes before it is written as a terminal table, CSV,
 * JSON or Markdown. A cell is a {@code String}, a {@code Number}, a {@code Boolean}, an {@code Instant} or null
 * (missing: empty in CSV, null in JSON, "-" in tables).
 */
public record Table(List<String> columns, List<List<Object>> rows) {

    public Table {
        columns = List.copyOf(columns);
        if (new java.util.HashSet<>(columns).size() != columns.size()) {
            // A repeated name would be a repeated key in JSON and an ambiguous column in CSV.
            throw new IllegalArgumentException("columns repeat a name: " + columns);
        }
        rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new ArrayList<>(row))).toList();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size()
                        + " columns");
            }
        }
    }
}
