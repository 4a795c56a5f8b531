package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.StoreBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {

    @TempDir
    Path directory;

    @Test
    void onlyAStoreWithEveryMigrationAppliedIsCurrentOnEitherDatabase() throws Exception {
        for (StoreBackend backend : StoreBackend.values()) {
            StoreLocation location = database(backend);
            Dialect dialect = Dialect.of(location.jdbcUrl());
            try (Connection connection = connect(location)) {
                assertFalse(Schema.current(connection, dialect), "a new store has no history");
                flyway(location).migrate();
                assertTrue(Schema.current(connection, dialect));
                int latest = Schema.latest(dialect);
                try (Statement statement = connection.createStatement();
                        ResultSet applied = statement.executeQuery("SELECT MAX(CAST(\"version\" AS INT)) FROM"
                                + " \"flyway_schema_history\"")) {
                    applied.next();
                    assertEquals(applied.getInt(1), latest, "the newest migration Flyway applied");
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                            + latest + "'");
                    assertFalse(Schema.current(connection, dialect), "a failed migration is Flyway's to report");
                    statement.execute("UPDATE \"flyway_schema_history\" SET \"success\" = TRUE, \"version\" = '"
                            + (latest + 1) + "' WHERE \"version\" = '" + latest + "'");
                    assertFalse(Schema.current(connection, dialect), "a store from a newer Trainyard is Flyway's");
                }
            }
        }
    }

    /** The pair that must change together: a migration for one database and not the other fails here. */
    @Test
    void bothDatabasesReachTheSameVersionWithTheSameColumns() throws Exception {
        assertEquals(Schema.latest(Dialect.H2), Schema.latest(Dialect.POSTGRESQL));
        Map<String, String> h2 = columns(StoreBackend.H2);
        Map<String, String> postgres = columns(StoreBackend.POSTGRESQL);
        assertTrue(h2.containsKey("runs.status") && h2.containsKey("epoch_values.metric_value"), h2.toString());
        assertEquals(h2, postgres);
    }

    /** Every column of the store's tables and views: its nullability, by table.column. */
    private Map<String, String> columns(StoreBackend backend) throws Exception {
        StoreLocation location = database(backend);
        flyway(location).migrate();
        Map<String, String> columns = new TreeMap<>();
        try (Connection connection = connect(location);
                ResultSet result = connection.getMetaData().getColumns(null, null, "%", "%")) {
            while (result.next()) {
                String schema = String.valueOf(result.getString("TABLE_SCHEM")).toLowerCase(Locale.ROOT);
                String table = result.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if ((schema.equals("public")) && !table.equals("flyway_schema_history")) {
                    columns.put(table + "." + result.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            result.getString("IS_NULLABLE"));
                }
            }
        }
        return columns;
    }

    private StoreLocation database(StoreBackend backend) {
        if (backend == StoreBackend.H2) {
            String name = "schema-test-" + System.nanoTime();
            return new StoreLocation(directory, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                    new StoreLocation.Credentials("sa", "schema-test-secret"));
        }
        return backend.newStore(directory).location();
    }

    private static Connection connect(StoreLocation location) throws Exception {
        return DriverManager.getConnection(location.jdbcUrl(), location.credentials().user(),
                location.credentials().password());
    }

    private static org.flywaydb.core.Flyway flyway(StoreLocation location) {
        return Schema.flyway(location.jdbcUrl(), location.credentials().user(), location.credentials().password(),
                Dialect.of(location.jdbcUrl()));
    }
}
