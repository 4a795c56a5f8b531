package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SchemaTest {

    private static final String URL = "jdbc:h2:mem:schema-test;DB_CLOSE_DELAY=-1";
    private static final String PASSWORD = "schema-test-secret";

    @Test
    void onlyAStoreWithEveryMigrationAppliedIsCurrent() throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, "sa", PASSWORD)) {
            assertFalse(Schema.current(connection), "a new store has no history");
            Schema.flyway(URL, "sa", PASSWORD).migrate();
            assertTrue(Schema.current(connection));
            try (Statement statement = connection.createStatement();
                    ResultSet applied = statement.executeQuery("SELECT MAX(CAST(\"version\" AS INT)) FROM"
                            + " \"flyway_schema_history\"")) {
                applied.next();
                assertEquals(applied.getInt(1), Schema.latest(), "the newest migration Flyway applied");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                        + Schema.latest() + "'");
                assertFalse(Schema.current(connection), "a failed migration is Flyway's to report");
                statement.execute("UPDATE \"flyway_schema_history\" SET \"success\" = TRUE, \"version\" = '"
                        + (Schema.latest() + 1) + "' WHERE \"version\" = '" + Schema.latest() + "'");
                assertFalse(Schema.current(connection), "a store from a newer Trainyard is Flyway's to report");
            }
        }
    }
}
