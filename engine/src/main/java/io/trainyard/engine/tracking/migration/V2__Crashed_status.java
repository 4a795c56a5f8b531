package io.trainyard.engine.tracking.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Allows the status CRASHED. Version 1 declared the status check inline, so H2 generated its name; SQL alone cannot
 * drop a constraint whose name it does not know, hence a Java migration that looks the name up.
 */
public final class V2__Crashed_status extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<String> checks = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT c.CONSTRAINT_NAME"
                        + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t"
                        + " JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS c ON c.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                        + " AND c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
                        + " WHERE t.TABLE_NAME = 'RUNS' AND c.CHECK_CLAUSE LIKE '%RUNNING%'")) {
            while (result.next()) {
                checks.add(result.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String check : checks) {
                statement.execute("ALTER TABLE runs DROP CONSTRAINT \"" + check.replace("\"", "\"\"") + "\"");
            }
            statement.execute("ALTER TABLE runs ADD CONSTRAINT runs_status CHECK"
                    + " (status IN ('RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'CRASHED'))");
        }
    }
}
