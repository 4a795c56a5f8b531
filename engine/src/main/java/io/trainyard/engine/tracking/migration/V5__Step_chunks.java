package io.trainyard.engine.tracking.migration;

import io.trainyard.engine.tracking.StepChunk;
import io.trainyard.engine.tracking.StepMetric;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves per-step metrics from one row per step ({@code step_metrics}) to packed chunks ({@code step_chunks}, see
 * {@link StepChunk}), repacking the rows a store already has, a thousand steps per chunk. Java because SQL cannot
 * pack rows into binary.
 */
public final class V5__Step_chunks extends org.flywaydb.core.api.migration.BaseJavaMigration {

    private static final int CHUNK = 1000;

    @Override
    public void migrate(org.flywaydb.core.api.migration.Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE step_chunks ("
                    + " run_id VARCHAR(40) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
                    + " first_step BIGINT NOT NULL,"
                    + " step_count INT NOT NULL,"
                    + " data VARBINARY(1000000000) NOT NULL,"
                    + " PRIMARY KEY (run_id, first_step))");
        }
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT run_id, step, epoch, batch, train_loss, recorded_at"
                        + " FROM step_metrics ORDER BY run_id, step");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO step_chunks (run_id, first_step, step_count, data) VALUES (?, ?, ?, ?)")) {
            String run = null;
            List<StepMetric> chunk = new ArrayList<>();
            while (rows.next()) {
                String id = rows.getString(1);
                if (!id.equals(run) || chunk.size() == CHUNK) {
                    write(insert, run, chunk);
                    run = id;
                }
                double loss = rows.getDouble(5);
                if (rows.wasNull()) {
                    loss = Double.NaN;
                }
                chunk.add(new StepMetric(rows.getLong(2), rows.getInt(3), rows.getInt(4), loss,
                        rows.getTimestamp(6).toInstant()));
            }
            write(insert, run, chunk);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE step_metrics");
        }
    }

    private static void write(PreparedStatement insert, String run, List<StepMetric> chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        insert.setString(1, run);
        insert.setLong(2, chunk.get(0).step());
        insert.setInt(3, chunk.size());
        insert.setObject(4, StepChunk.pack(chunk), Types.VARBINARY);
        insert.executeUpdate();
        chunk.clear();
    }
}
