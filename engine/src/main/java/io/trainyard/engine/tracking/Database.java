package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The store's H2 database, brought to the current schema by Flyway's versioned migrations when first opened.
 * Connections are cheap once the database is open; callers open one per unit of work and close it.
 */
public final class Database implements AutoCloseable {

    private final StoreLocation location;
    private final Connection keepAlive;

    public Database(StoreLocation location) {
        this.location = location;
        try {
            Files.createDirectories(location.directory());
        } catch (IOException e) {
            throw new TrainyardException("cannot create the store directory " + location.directory() + ": "
                    + e.getMessage() + "; pass --store DIR with a writable directory");
        }
        try {
            Flyway.configure()
                    .loggers("slf4j")
                    .dataSource(location.jdbcUrl(), "sa", "")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            // Holding one connection keeps H2 from closing and reopening the file between units of work.
            this.keepAlive = connect();
        } catch (FlywayException e) {
            throw new TrainyardException("cannot open the store in " + location.directory() + ": "
                    + explain(e.getMessage()));
        }
    }

    public StoreLocation location() {
        return location;
    }

    public Connection connect() {
        try {
            return DriverManager.getConnection(location.jdbcUrl(), "sa", "");
        } catch (SQLException e) {
            throw new TrainyardException("cannot open the store in " + location.directory() + ": "
                    + explain(e.getMessage()));
        }
    }

    private static String explain(String message) {
        String text = String.valueOf(message);
        if (text.contains("already in use") || text.contains("locked by another process")) {
            return "another Trainyard process (a run still training?) has it open; wait for it to end or pass"
                    + " --store DIR to use another store";
        }
        if (text.contains("newer than") || text.contains("Validate failed")) {
            return text.lines().findFirst().orElse(text) + "; it was made by a newer Trainyard, use that version";
        }
        return text.lines().findFirst().orElse(text);
    }

    /** Closes the database cleanly (written completely to disk); safe to call more than once. */
    @Override
    public void close() {
        try {
            keepAlive.close();
        } catch (SQLException ignored) {
            // Closing on the way out; nothing left to protect.
        }
    }
}
