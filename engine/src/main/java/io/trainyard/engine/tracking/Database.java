package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.migration.V2__Crashed_status;
import io.trainyard.engine.tracking.migration.V5__Step_chunks;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;

/**
 * The store's H2 database, brought to the current schema by Flyway's versioned migrations when first opened.
 * Connections are cheap once the database is open; callers open one per unit of work and close it.
 *
 * <p>Several processes share a store: the first to open it holds the file and serves it through a
 * {@link StoreServer}; the others connect to that server. When the holder exits, the next connection of another
 * process takes the file over, so a long run outlives the process that happened to open the store first.
 */
public final class Database implements AutoCloseable {

    /** How long to wait for the holding process to publish its server (it may be opening the store right now). */
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(30);

    private final StoreLocation location;
    /** Set while this process holds the file: one open connection keeps H2 from closing it between units of work. */
    private Connection keepAlive;
    private StoreServer server;
    private String url;
    private boolean closed;

    public Database(StoreLocation location) {
        this.location = location;
        try {
            Files.createDirectories(location.directory());
        } catch (IOException e) {
            throw new TrainyardException("cannot create the store directory " + location.directory() + ": "
                    + e.getMessage() + "; pass --store DIR with a writable directory");
        }
        synchronized (this) {
            // The holder migrates before it publishes its server, so a joining process always finds the schema
            // current and two processes opening a new store never migrate it at once.
            attach(true);
        }
    }

    public StoreLocation location() {
        return location;
    }

    public Connection connect() {
        synchronized (this) {
            if (closed) {
                throw new StoreException("the store is closed (the process is shutting down)", null);
            }
            try {
                return DriverManager.getConnection(url, "sa", "");
            } catch (SQLException e) {
                if (keepAlive != null) {
                    throw failure(e.getMessage());
                }
                // The holding process has gone: take the file over or join whoever did.
                attach(false);
                try {
                    return DriverManager.getConnection(url, "sa", "");
                } catch (SQLException again) {
                    throw failure(again.getMessage());
                }
            }
        }
    }

    private void attach(boolean migrate) {
        if (location.external()) {
            // A database by URL is shared by its own server; this process only connects.
            try (Connection probe = DriverManager.getConnection(location.jdbcUrl(), "sa", "")) {
                url = location.jdbcUrl();
            } catch (SQLException e) {
                throw failure(e.getMessage() + (e.getMessage() != null && e.getMessage().contains("No suitable driver")
                        ? "; Trainyard includes H2's driver only: give a jdbc:h2: URL" : ""));
            }
            if (migrate) {
                migrate();
            }
            return;
        }
        long deadline = System.nanoTime() + JOIN_PATIENCE.toNanos();
        while (true) {
            try {
                keepAlive = DriverManager.getConnection(location.jdbcUrl(), "sa", "");
                url = location.jdbcUrl();
                if (migrate) {
                    migrate();
                }
                server = StoreServer.start(location);
                return;
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw failure(e.getMessage());
                }
            } catch (IOException e) {
                throw failure("cannot publish the store's server port: " + e.getMessage());
            }
            OptionalInt port = StoreServer.publishedPort(location);
            if (port.isPresent()) {
                String serverUrl = location.serverUrl(port.getAsInt());
                try (Connection probe = DriverManager.getConnection(serverUrl, "sa", "")) {
                    url = serverUrl;
                    if (migrate) {
                        migrate();
                    }
                    return;
                } catch (SQLException e) {
                    // A stale port of a process that died, or a holder that is closing: try again.
                } catch (TrainyardException e) {
                    if (answers(serverUrl)) {
                        throw e;
                    }
                    // The holder closed while the schema was checked through it: try again, perhaps as holder.
                }
            }
            if (System.nanoTime() > deadline) {
                throw failure("another process holds the database file and does not answer on its port; if no"
                        + " Trainyard process is running, delete " + location.directory().resolve("trainyard.server"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for the process that holds it");
            }
        }
    }

    private static boolean answers(String serverUrl) {
        try (Connection probe = DriverManager.getConnection(serverUrl, "sa", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void migrate() {
        try {
            Flyway.configure()
                    .loggers("slf4j")
                    .dataSource(url, "sa", "")
                    .locations("classpath:db/migration")
                    .javaMigrations(new V2__Crashed_status(), new V5__Step_chunks())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            if (keepAlive != null) {
                close(); // this process held the file: release it
            }
            throw failure(e.getMessage());
        }
    }

    private TrainyardException failure(String message) {
        return new TrainyardException("cannot open the store " + location.describe() + ": " + explain(message));
    }

    private static String explain(String message) {
        String text = String.valueOf(message);
        if (text.contains("newer than") || text.contains("Validate failed")) {
            return text.lines().findFirst().orElse(text) + "; it was made by a newer Trainyard, use that version";
        }
        return text.lines().findFirst().orElse(text);
    }

    /**
     * Stops serving other processes and closes the database cleanly (written completely to disk); safe to call more
     * than once.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.stop();
            server = null;
        }
        if (keepAlive != null) {
            try {
                keepAlive.close();
            } catch (SQLException ignored) {
                // Closing on the way out; nothing left to protect.
            }
            keepAlive = null;
        }
    }
}
