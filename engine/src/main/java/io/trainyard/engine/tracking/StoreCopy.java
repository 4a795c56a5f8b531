package io.trainyard.engine.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code trainyard store copy}: every sweep and run of one store written into another (H2 to PostgreSQL and back),
 * rows, run folders and checkpoints included. A run already in the target as it is in the source is left alone, so
 * copying again copies only what is new or has changed since (a run that was still training, a new tag). Each run is
 * one transaction in the target: an interrupted copy leaves whole runs, and the next copy completes it.
 */
public final class StoreCopy {

    /** The tables that hold a run's rows besides {@code runs}, each keyed by run_id. */
    private static final List<String> RUN_TABLES = List.of("params", "epoch_metrics", "logged_metrics", "step_chunks",
            "tags", "provenance", "metric_summaries", "checkpoints", "artifacts");

    /** How much was copied. */
    public record Copied(int sweeps, int runs, int unchanged) {
    }

    private final Database from;
    private final Database to;
    private final Transactions target;

    public StoreCopy(Database from, Database to) {
        this.from = from;
        this.to = to;
        this.target = new Transactions(to);
    }

    public Copied copy() {
        to.requireWritable();
        try (Connection source = from.connect()) {
            int sweeps = copySweeps(source);
            int runs = 0;
            int unchanged = 0;
            Map<String, String> parents = new LinkedHashMap<>();
            for (Object[] run : rows(source, "SELECT r.id, e.name, r.parent_id FROM runs r JOIN experiments e"
                    + " ON e.id = r.experiment_id ORDER BY r.start_time, r.id")) {
                String id = (String) run[0];
                if (run[2] != null) {
                    parents.put(id, (String) run[2]);
                }
                if (sameInTarget(source, id)) {
                    unchanged++;
                    continue;
                }
                copyRun(source, id, (String) run[1]);
                runs++;
            }
            // Last, as a run's parent may have been copied after it, or re-copied (which unlinks its children).
            target.run(connection -> {
                try (PreparedStatement link = connection.prepareStatement("UPDATE runs SET parent_id = ? WHERE id = ?"
                        + " AND EXISTS (SELECT 1 FROM runs p WHERE p.id = ?)")) {
                    for (Map.Entry<String, String> parent : parents.entrySet()) {
                        link.setString(1, parent.getValue());
                        link.setString(2, parent.getKey());
                        link.setString(3, parent.getValue());
                        link.executeUpdate();
                    }
                }
            });
            return new Copied(sweeps, runs, unchanged);
        } catch (SQLException e) {
            throw new StoreException("reading the store " + from.location().describe() + " failed: "
                    + StoreErrors.describe(e, from.location()), e);
        }
    }

    /** Sweeps the target lacks, with their planned trials; a sweep the target has takes the source's status. */
    private int copySweeps(Connection source) throws SQLException {
        int copied = 0;
        for (Object[] sweep : rows(source, "SELECT id FROM sweeps ORDER BY id")) {
            String id = (String) sweep[0];
            Map<String, Object> record = table(source, "sweeps", "id", id).get(0);
            List<Map<String, Object>> trials = table(source, "sweep_trials", "sweep_id", id);
            trials.forEach(trial -> {
                trial.put("worker", null); // a claim belongs to the source's workers
                trial.put("claim_expires_at", null);
            });
            int[] inserted = new int[1];
            target.run(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE sweeps SET status = ?,"
                        + " end_time = ?, error_message = ? WHERE id = ?")) {
                    update.setString(1, (String) record.get("status"));
                    update.setTimestamp(2, (java.sql.Timestamp) record.get("end_time"));
                    update.setString(3, (String) record.get("error_message"));
                    update.setString(4, id);
                    if (update.executeUpdate() == 0) {
                        insert(connection, "sweeps", List.of(record));
                        insert(connection, "sweep_trials", trials);
                        inserted[0] = 1;
                    }
                }
            });
            copied += inserted[0];
        }
        return copied;
    }

    private void copyRun(Connection source, String id, String experiment) throws SQLException {
        Map<String, Object> run = table(source, "runs", "id", id).get(0);
        run.put("parent_id", null);
        Map<String, List<Map<String, Object>>> children = new LinkedHashMap<>();
        for (String table : RUN_TABLES) {
            children.put(table, table(source, table, "run_id", id));
        }
        List<Map<String, Object>> files = new ArrayList<>(children.get("checkpoints"));
        files.addAll(children.get("artifacts")); // rows of both, whose data copyFiles sets for the target
        copyFiles(id, files);
        target.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate(); // an older copy of the run, and its rows with it
            }
            run.put("experiment_id", RunStore.experimentId(connection, to.dialect(), experiment,
                    ((java.sql.Timestamp) run.get("start_time")).toInstant()));
            insert(connection, "runs", List.of(run));
            for (Map.Entry<String, List<Map<String, Object>>> table : children.entrySet()) {
                insert(connection, table.getKey(), table.getValue());
            }
        });
    }

    /**
     * The run's folder, into the target's when it is another; the bytes of its checkpoints or artifacts (rows with a
     * path and data) into the target's database when it keeps them (a store by URL), and into the target's folder
     * from the source's database when only that has them.
     */
    private void copyFiles(String id, List<Map<String, Object>> files) {
        Path sourceFolder = from.location().runDirectory(id).toAbsolutePath();
        Path targetFolder = to.location().runDirectory(id).toAbsolutePath();
        try {
            if (!sourceFolder.equals(targetFolder) && Files.isDirectory(sourceFolder)) {
                copyTree(sourceFolder, targetFolder);
            }
            for (Map<String, Object> row : files) {
                Path file = to.location().directory().resolve((String) row.get("path"));
                byte[] data = (byte[]) row.get("data");
                if (data == null && Files.exists(file)) {
                    data = KeptFile.readAll(file);
                }
                if (data != null && !Files.exists(file)) {
                    KeptFile.write(file, data);
                }
                row.put("data", to.location().keepsFileBytes() ? data : null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the files of run " + id + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (!Files.exists(copy) || Files.size(copy) != Files.size(file)) {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Whether the target has the run as the source has it: status, end, note, tags, epochs, checkpoints and
     * artifacts.
     */
    private boolean sameInTarget(Connection source, String id) {
        try (Connection connection = to.connect()) {
            return fingerprint(connection, id).equals(fingerprint(source, id));
        } catch (SQLException e) {
            throw new StoreException("reading the store " + to.location().describe() + " failed: "
                    + StoreErrors.describe(e, to.location()), e);
        }
    }

    private static List<Object> fingerprint(Connection connection, String id) throws SQLException {
        List<Object> fingerprint = new ArrayList<>();
        for (String sql : new String[] {"SELECT status, end_time, note FROM runs WHERE id = ?",
            "SELECT COUNT(*) FROM epoch_metrics WHERE run_id = ?",
            "SELECT COALESCE(SUM(step_count), 0) FROM step_chunks WHERE run_id = ?",
            "SELECT tag_key, tag_value FROM tags WHERE run_id = ? ORDER BY tag_key",
            "SELECT kind, sha256 FROM checkpoints WHERE run_id = ? ORDER BY kind",
            "SELECT name, sha256 FROM artifacts WHERE run_id = ? ORDER BY name"}) {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, id);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                            Object value = result.getObject(column);
                            fingerprint.add(value instanceof Number number ? number.longValue()
                                    : value == null ? null : value instanceof java.time.temporal.TemporalAccessor
                                            || value instanceof java.util.Date ? result.getTimestamp(column)
                                                    .toInstant() : value.toString());
                        }
                    }
                }
            }
        }
        return fingerprint;
    }

    /** The rows of {@code table} whose {@code key} is {@code value}, each by column name (lower case). */
    private static List<Map<String, Object>> table(Connection connection, String table, String key, String value)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table + " WHERE " + key
                + " = ?")) {
            select.setString(1, value);
            try (ResultSet result = select.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.put(meta.getColumnLabel(column).toLowerCase(java.util.Locale.ROOT),
                                read(result, column, meta.getColumnType(column)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** A value as both databases take it back: text for large text, bytes for binary, timestamps as such. */
    private static Object read(ResultSet result, int column, int type) throws SQLException {
        return switch (type) {
            case Types.CLOB, Types.NCLOB, Types.LONGVARCHAR, Types.LONGNVARCHAR -> result.getString(column);
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> result.getBytes(column);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> result.getTimestamp(column);
            default -> result.getObject(column);
        };
    }

    private static void insert(Connection connection, String table, List<Map<String, Object>> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = List.copyOf(rows.get(0).keySet());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " ("
                + String.join(", ", columns) + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(
                        columns.size(), "?")) + ")")) {
            for (Map<String, Object> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    Object value = row.get(columns.get(i));
                    if (value instanceof byte[] bytes) {
                        insert.setBytes(i + 1, bytes);
                    } else {
                        insert.setObject(i + 1, value);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<Object[]> rows(Connection connection, String sql) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
