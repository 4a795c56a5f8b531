package io.trainyard.engine.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.h2.api.ErrorCode;
import org.h2.engine.Constants;

/**
 * Moves a store's database from the H2 that wrote it to this Trainyard's, the way H2 asks for between versions:
 * exported to SQL by the old H2 (shipped inside the engine, loaded apart from the current one) and imported by the
 * current one into a new file, which replaces the old only once every table holds as many rows as before. The old
 * file stays beside it, under the old version's name, until its owner deletes it.
 *
 * <p>Which H2 wrote a store is in {@code trainyard.h2}, written with every new database and after every upgrade; a
 * store without it was made before this class existed, by the H2 the engine ships in {@code /h2-legacy/h2.jar}
 * (the build's {@code h2.legacy.version}). Every process that opens a store's file looks at it first, under
 * {@code trainyard.upgrade.lock}, so two processes never upgrade one store at once.
 */
final class H2FileUpgrade {

    static final String MARKER = "trainyard.h2";
    private static final String LOCK = "trainyard.upgrade.lock";
    /** The H2 of the stores made before the marker, shipped for their export. */
    private static final String LEGACY_JAR = "/h2-legacy/h2.jar";

    private final StoreLocation location;
    private final String user;
    private final String password;

    private H2FileUpgrade(StoreLocation location, String user, String password) {
        this.location = location;
        this.user = user;
        this.password = password;
    }

    /**
     * Upgrades the store's database if an older H2 wrote it, and marks a store about to be created as this H2's.
     *
     * @return the H2 version the store was upgraded from, if it was
     */
    static Optional<String> ifNeeded(StoreLocation location, String user, String password) {
        Path directory = location.directory().toAbsolutePath();
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            Path marker = directory.resolve(MARKER);
            if (Files.exists(marker)) {
                return Optional.empty();
            }
            Optional<String> upgraded = Optional.empty();
            if (Files.exists(location.databaseFile())) {
                if (damaged(location.databaseFile())) {
                    return Optional.empty(); // for the open that follows to refuse, saying how to recover
                }
                upgraded = Optional.of(new H2FileUpgrade(location, user, password).upgrade());
            }
            Files.writeString(marker, Constants.VERSION + "\n");
            return upgraded;
        } catch (IOException e) {
            throw new StoreException("cannot upgrade the store " + location.describe() + " to H2 " + Constants.VERSION
                    + ": " + e.getMessage(), e);
        }
    }

    /** Returns the version of the H2 that wrote the store. */
    private String upgrade() throws IOException {
        Path directory = location.directory().toAbsolutePath();
        Path database = location.databaseFile();
        Path kept = keptFile(location);
        Path source = directory.resolve("trainyard-upgrade-source.mv.db");
        Path fresh = directory.resolve("trainyard-upgrading.mv.db");
        Path script = directory.resolve("trainyard-upgrade.sql");
        Path jar = directory.resolve("trainyard-legacy-h2.jar");
        String legacyVersion = null;
        Files.deleteIfExists(fresh);
        // H2's own lock on its file, held to the end: no older Trainyard writes the store while it is moved.
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock held = tryLock(channel)) {
            if (held == null) {
                throw new StoreException("cannot upgrade the store " + location.describe() + " to H2 "
                        + Constants.VERSION + ": another process has it open, a Trainyard older than this one; let it"
                        + " finish, then run again", null);
            }
            Files.copy(database, kept, StandardCopyOption.REPLACE_EXISTING);
            // Exported from a copy of its own, which the old H2 may repair (a file left by a killed process) as it
            // opens it: the kept file stays byte for byte as it was.
            Files.copy(database, source, StandardCopyOption.REPLACE_EXISTING);
            copyLegacyJar(jar);
            Properties login = new Properties();
            Map<String, Long> before;
            try (URLClassLoader legacy = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
                    Connection old = connect(legacyDriver(legacy), url(source), login)) {
                legacyVersion = old.getMetaData().getDatabaseProductVersion().split(" ")[0];
                before = rowCounts(old);
                try (Statement statement = old.createStatement()) {
                    statement.execute("SCRIPT TO '" + script + "'");
                }
            }
            try (Connection current = DriverManager.getConnection(url(fresh), login);
                    Statement statement = current.createStatement()) {
                statement.execute("RUNSCRIPT FROM '" + script + "'");
                Map<String, Long> after = rowCounts(current);
                if (!before.equals(after)) {
                    throw new IllegalStateException("the import holds other numbers of rows than the store: " + after
                            + " against " + before);
                }
            }
            Files.move(fresh, database, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return legacyVersion;
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            if (e instanceof StoreException refused) {
                throw refused;
            }
            Files.deleteIfExists(kept);
            throw new StoreException("cannot upgrade the store " + location.describe() + " from "
                    + (legacyVersion == null ? "an older H2" : "H2 " + legacyVersion) + " to H2 " + Constants.VERSION
                    + " (" + (e instanceof SQLException sql ? StoreErrors.describe(sql) : e)
                    + "); it was left as it was", e);
        } finally {
            Files.deleteIfExists(source);
            Files.deleteIfExists(fresh);
            Files.deleteIfExists(script); // the store's data in plain text
            Files.deleteIfExists(jar);
        }
    }

    /** The file's lock, or null where another process (or another part of this one) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Whether the open that follows refuses the file (empty, not H2, cut short): nothing to upgrade. */
    private static boolean damaged(Path database) throws IOException {
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ)) {
            return DatabaseFile.inspect(channel).refusal != null;
        }
    }

    /** Where the old H2's file stays after an upgrade. */
    static Path keptFile(StoreLocation location) {
        return location.directory().toAbsolutePath().resolve("trainyard-before-h2-" + Constants.VERSION + ".mv.db");
    }

    private static void copyLegacyJar(Path jar) throws IOException {
        try (InputStream in = H2FileUpgrade.class.getResourceAsStream(LEGACY_JAR)) {
            if (in == null) {
                throw new IllegalStateException("this build lacks " + LEGACY_JAR);
            }
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Logs in with the store's secret, or with the empty password of a store made before secrets (its first open
     * afterwards sets one); {@code login} keeps the credentials that worked, for the new file.
     */
    private Connection connect(Driver driver, String url, Properties login) throws SQLException {
        login.setProperty("user", user);
        login.setProperty("password", password);
        try {
            return driver.connect(url, login);
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD || password.isEmpty()) {
                throw e;
            }
            login.setProperty("password", "");
            return driver.connect(url, login);
        }
    }

    private static Driver legacyDriver(ClassLoader loader) throws ReflectiveOperationException {
        return (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
    }

    /** The database of an H2 file ({@code x.mv.db} is database {@code x}). */
    private static String url(Path file) {
        String name = file.toString();
        return "jdbc:h2:file:" + name.substring(0, name.length() - ".mv.db".length());
    }

    /** Every table's number of rows, by name. */
    private static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
            while (tables.next()) {
                counts.put(tables.getString(1), 0L);
            }
        }
        for (String table : counts.keySet()) {
            try (Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                count.next();
                counts.put(table, count.getLong(1));
            }
        }
        return counts;
    }
}
