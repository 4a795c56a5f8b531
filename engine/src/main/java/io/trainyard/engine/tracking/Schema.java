package io.trainyard.engine.tracking;

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
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The store's schema, as Flyway's migrations for its {@link Dialect} define it ({@code V<n>__*.sql} in the dialect's
 * folder and its Java migrations). Both databases reach the same version with the same tables; a PostgreSQL store
 * starts at the schema H2 stores reached by then, in one migration.
 * Flyway runs only for a store that is behind them: starting Flyway (its plugins, Jackson, the validation of every
 * applied migration) took 0.8 s of every command, also when, as almost always, there was nothing to do.
 */
final class Schema {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*");
    private static final Map<Dialect, Integer> LATEST = new EnumMap<>(Dialect.class);

    private Schema() {
    }

    /**
     * Whether the store has every migration applied, successfully, and none newer than this Trainyard's; anything
     * else (a new store, one to upgrade, a failed or newer migration) is Flyway's to handle and report.
     */
    static boolean current(Connection connection, Dialect dialect) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT MAX(CAST(\"version\" AS INT)),"
                        + " COUNT(*) FILTER (WHERE NOT \"success\") FROM \"flyway_schema_history\""
                        + " WHERE \"version\" IS NOT NULL")) {
            return result.next() && result.getInt(1) == latest(dialect) && result.getInt(2) == 0;
        } catch (SQLException e) {
            return false; // no history table yet: a new store
        }
    }

    /** Flyway configured with this Trainyard's migrations for {@code dialect}, for the store at {@code url}. */
    static Flyway flyway(String url, String user, String password, Dialect dialect) {
        return Flyway.configure()
                .loggers("slf4j")
                .dataSource(url, user, password)
                .locations("classpath:" + dialect.migrations())
                .javaMigrations(dialect.javaMigrations().toArray(JavaMigration[]::new))
                .load();
    }

    /** The newest migration's version for {@code dialect}. */
    static synchronized int latest(Dialect dialect) {
        return LATEST.computeIfAbsent(dialect, Schema::latestVersion);
    }

    private static int latestVersion(Dialect dialect) {
        int latest = dialect.javaMigrations().stream()
                .mapToInt(migration -> version(migration.getClass().getSimpleName())).max().orElse(0);
        try (Stream<String> names = resourceNames(dialect.migrations())) {
            return Math.max(latest, names.filter(name -> VERSIONED.matcher(name).matches()).mapToInt(Schema::version)
                    .max().orElse(0));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the store's migrations in " + dialect.migrations(), e);
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
    private static Stream<String> resourceNames(String location) throws IOException, URISyntaxException {
        URI folder = Schema.class.getClassLoader().getResource(location).toURI();
        Path path;
        if ("jar".equals(folder.getScheme())) {
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(folder, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(folder);
            }
            path = jar.getPath(location);
        } else {
            path = Path.of(folder);
        }
        return Files.list(path).map(file -> file.getFileName().toString());
    }
}
