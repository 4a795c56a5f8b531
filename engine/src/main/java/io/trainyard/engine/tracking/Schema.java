package io.trainyard.engine.tracking;

import io.trainyard.engine.tracking.migration.V2__Crashed_status;
import io.trainyard.engine.tracking.migration.V5__Step_chunks;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The store's schema, as Flyway's migrations define it ({@code db/migration/V<n>__*.sql} and the Java migrations).
 * Flyway runs only for a store that is behind them: starting Flyway (its plugins, Jackson, the validation of every
 * applied migration) took 0.8 s of every command, also when, as almost always, there was nothing to do.
 */
final class Schema {

    private static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*");
    private static final List<JavaMigration> JAVA_MIGRATIONS = List.of(new V2__Crashed_status(),
            new V5__Step_chunks());
    private static final int LATEST = latestVersion();

    private Schema() {
    }

    /**
     * Whether the store has every migration applied, successfully, and none newer than this Trainyard's; anything
     * else (a new store, one to upgrade, a failed or newer migration) is Flyway's to handle and report.
     */
    static boolean current(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT MAX(CAST(\"version\" AS INT)),"
                        + " COUNT(*) FILTER (WHERE NOT \"success\") FROM \"flyway_schema_history\""
                        + " WHERE \"version\" IS NOT NULL")) {
            return result.next() && result.getInt(1) == LATEST && result.getInt(2) == 0;
        } catch (SQLException e) {
            return false; // no history table yet: a new store
        }
    }

    /** Flyway configured with this Trainyard's migrations, for the store at {@code url}. */
    static Flyway flyway(String url, String user, String password) {
        return Flyway.configure()
                .loggers("slf4j")
                .dataSource(url, user, password)
                .locations("classpath:" + LOCATION)
                .javaMigrations(JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
                .load();
    }

    static int latest() {
        return LATEST;
    }

    private static int latestVersion() {
        int latest = JAVA_MIGRATIONS.stream().mapToInt(migration -> version(migration.getClass().getSimpleName()))
                .max().orElse(0);
        try (Stream<String> names = resourceNames()) {
            return Math.max(latest, names.filter(name -> VERSIONED.matcher(name).matches()).mapToInt(Schema::version)
                    .max().orElse(0));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the store's migrations in " + LOCATION, e);
        }
    }

    private static int version(String name) {
        Matcher matcher = VERSIONED.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalStateException("not a versioned migration: " + name);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The file names in the migrations folder, from the engine's jar or its classes directory. */
    private static Stream<String> resourceNames() throws IOException, URISyntaxException {
        URI folder = Schema.class.getClassLoader().getResource(LOCATION).toURI();
        Path path;
        if ("jar".equals(folder.getScheme())) {
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(folder, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(folder);
            }
            path = jar.getPath(LOCATION);
        } else {
            path = Path.of(folder);
        }
        return Files.list(path).map(file -> file.getFileName().toString());
    }
}
