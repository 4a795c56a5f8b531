package io.trainyard.engine.tracking.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces the check on a table's {@code status} column with one allowing {@code statuses}. A check declared inline
 * got a name H2 generated; SQL alone cannot drop a constraint whose name it does not know, so it is looked up.
 */
final class StatusCheck {

    private StatusCheck() {
    }

    static void replace(Connection connection, String table, String statuses) throws SQLException {
        List<String> checks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT c.CONSTRAINT_NAME"
                + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t"
                + " JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS c ON c.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                + " AND c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
                + " WHERE t.TABLE_NAME = ? AND c.CHECK_CLAUSE LIKE '%RUNNING%'")) {
            select.setString(1, table.toUpperCase(java.util.Locale.ROOT));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    checks.add(result.getString(1));
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String check : checks) {
                statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + check.replace("\"", "\"\"") + "\"");
            }
            statement.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_status CHECK (status IN ("
                    + statuses + "))");
        }
    }
}
