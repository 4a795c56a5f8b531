package io.trainyard.engine.tracking.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Rewrites every check of the form {@code column IN ('a', 'b')} as {@code CASE column WHEN 'a' THEN TRUE WHEN 'b'
 * THEN TRUE ELSE FALSE END}. H2 2.4.240 evaluates an {@code IN} list with the session that created the check, so
 * once that session closed every insert failed with "Check constraint invalid ... The database has been closed"
 * (h2database issues 4291, 4302, 4308); a {@code CASE} compares with the session that evaluates it, and unlike
 * {@code column = 'a' OR column = 'b'} H2 does not turn it back into an {@code IN}. db/postgresql/V12 does nothing:
 * PostgreSQL has no such fault.
 */
public final class V12__Checks_without_in extends BaseJavaMigration {

    private static final Pattern IN_LIST = Pattern.compile("\\(?\\s*(\"?[A-Za-z_]+\"?)\\s+IN\\s*\\((.*)\\)\\s*\\)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LITERAL = Pattern.compile("'[^']*'");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<String[]> checks = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE"
                        + " FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS c JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS t"
                        + " ON t.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA"
                        + " WHERE c.CONSTRAINT_SCHEMA = 'PUBLIC'")) {
            while (result.next()) {
                checks.add(new String[] {result.getString(1), result.getString(2), result.getString(3)});
            }
        }
        for (String[] check : checks) {
            Matcher in = IN_LIST.matcher(check[2].strip());
            if (!in.matches()) {
                continue;
            }
            String column = in.group(1);
            Matcher literals = LITERAL.matcher(in.group(2));
            List<String> values = new ArrayList<>();
            while (literals.find()) {
                values.add(literals.group());
            }
            String either = "CASE " + column + values.stream().map(value -> " WHEN " + value + " THEN TRUE")
                    .collect(Collectors.joining()) + " ELSE FALSE END";
            try (Statement statement = connection.createStatement()) {
                String table = quote(check[0]);
                String name = quote(check[1]);
                statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
                statement.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " CHECK (" + either + ")");
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
