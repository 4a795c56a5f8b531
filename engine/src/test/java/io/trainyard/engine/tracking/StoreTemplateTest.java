package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTemplateTest {

    @TempDir
    Path directory;

    @Test
    void aNewStoreIsTheBuildsTemplateWithTheStoresSecretAsItsPassword() throws Exception {
        List<String> templateHistory = history(template(), "");
        StoreLocation location = new StoreLocation(directory.resolve("store"));
        try (Database database = new Database(location)) {
            try (Connection connection = database.connect()) {
                // Flyway, had it run now, would have written its history now, not as the build did.
                assertEquals(templateHistory, history(connection));
            }
        }
        assertEquals(Schema.latest(Dialect.H2) + 1, templateHistory.size(), "the schema's row, then each migration");
        assertFalse(Files.exists(location.directory().resolve("trainyard.trace.db")),
                "no login was refused (H2 logs each, and makes it wait 0.25 s)");
        String url = location.jdbcUrl();
        String secret = StoreSecret.read(location.directory()).orElseThrow();
        DriverManager.getConnection(url, Database.USER, secret).close();
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url, Database.USER, ""));
        assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refused.getErrorCode(), "no empty password left");
    }

    @Test
    void theTemplateHoldsWhatFlywayMakesOfANewStore() throws Exception {
        String migrated = "jdbc:h2:file:" + directory.resolve("migrated");
        Schema.flyway(migrated, Database.USER, "test-secret", Dialect.H2).migrate();
        assertEquals(definitions(migrated, "test-secret"), definitions(template(), ""));
    }

    @Test
    void aFileAlreadyInPlaceIsNeverReplaced() throws Exception {
        Path file = directory.resolve("trainyard.mv.db");
        byte[] someoneElses = "another process's new store".getBytes();
        Files.write(file, someoneElses);
        assertTrue(StoreTemplate.placeAt(file));
        assertArrayEquals(someoneElses, Files.readAllBytes(file));
        try (var left = Files.list(directory)) {
            assertEquals(List.of(file), left.toList(), "no temporary copy left behind");
        }
    }

    /** The template, copied out of the engine's resources to a database of its own. */
    private String template() throws Exception {
        Path copy = directory.resolve("template.mv.db");
        try (InputStream resource = StoreTemplate.class.getResourceAsStream(StoreTemplate.RESOURCE)) {
            assertNotNull(resource, "the build makes the template (exec-maven-plugin in engine/pom.xml)");
            Files.copy(resource, copy);
        }
        return "jdbc:h2:file:" + directory.resolve("template");
    }

    private static List<String> history(String url, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, Database.USER, password)) {
            return history(connection);
        }
    }

    /** Flyway's history, row by row: what it applied, with which checksum, and when. */
    private static List<String> history(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT \"version\", \"script\", \"checksum\","
                        + " \"installed_on\", \"success\" FROM \"flyway_schema_history\""
                        + " ORDER BY \"installed_rank\"")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                        + result.getTimestamp(4).toInstant() + " " + result.getBoolean(5));
            }
        }
        assertFalse(rows.isEmpty());
        return rows;
    }

    /** Every definition of the database (tables, columns, constraints, indexes, views) but its users'. */
    private static List<String> definitions(String url, String password) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, Database.USER, password);
                Statement statement = connection.createStatement();
                ResultSet script = statement.executeQuery("SCRIPT NODATA")) {
            while (script.next()) {
                String line = script.getString(1);
                if (!line.startsWith("CREATE USER")) {
                    definitions.add(line);
                }
            }
        }
        assertTrue(definitions.stream().anyMatch(line -> line.contains("\"PUBLIC\".\"RUNS\"")), definitions.toString());
        return definitions;
    }
}
