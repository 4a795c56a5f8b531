package io.trainyard.engine.tracking;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;

/**
 * The store's H2 database, brought to the current schema by Flyway's versioned migrations when first opened.
 * Connections are cheap once the database is open; callers open one per unit of work and close it.
 *
 * <p>Several processes share a store: the first to open it holds the file and serves it through a
 * {@link StoreServer}; the others connect to that server with the store's secret. When the holder exits, the next
 * connection of another process takes the file over, so a long run outlives the process that happened to open the
 * store first. A store on a read-only file system is opened read-only, serving nobody.
 *
 * <p>A store file that exists but cannot be read is never opened for writing: H2 would replace it with a new,
 * empty store. It stays untouched, to be restored or recovered.
 */
public final class Database implements AutoCloseable {

    static {
        // H2 reads its bind address once, when its classes load, and this class is the first of the engine's to use
        // them: the store's server then listens on the loopback address alone (StoreServer checks).
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** H2's administrator of a store's database; its password is the store's secret. */
    static final String USER = "sa";
    /** How long to wait for the holding process to publish its server (it may be opening the store right now). */
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(30);

    /**
     * How often a unit of work or a query is tried, and how often a connection takes the file over or joins its new
     * holder, when the process serving the store leaves under it. Once more is not always enough: the process that
     * takes the file over may be leaving too (a sweep's workers start and end trials, each holding the store for a
     * while).
     */
    private static final int ATTEMPTS_ON_LOST_CONNECTION = 3;

    /** The database files that a {@code Database} of this process holds open. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final StoreLocation location;
    private final Dialect dialect;
    /** Set while this process holds the file: one open connection keeps H2 from closing it between units of work. */
    private Connection keepAlive;
    private final boolean compactOnClose;
    private StoreServer server;
    /** The connections of a database by URL, kept open between units of work. */
    private HikariDataSource pool;
    private String url;
    private String user;
    private String password;
    private boolean readOnly;
    private boolean closed;
    /** Whether opening is over, successfully or not (guarded by this: the opening holds the monitor). */
    private boolean opened;
    /** Why the store could not be opened in the background; null if it could. */
    private StoreException openFailure;

    public Database(StoreLocation location) {
        this(location, true);
    }

    /**
     * Opens the store now; a store that cannot be opened is reported here.
     *
     * @param compactOnClose whether closing an H2 file this process holds compacts it (see
     *     {@link StoreLocation#jdbcUrl(boolean)}): worth it after training, 0.3 to 0.8 s lost on a command that reads
     */
    public Database(StoreLocation location, boolean compactOnClose) {
        this(location, compactOnClose, true);
    }

    /**
     * Opens the store on a thread of its own, then runs {@code whenOpen} there; the store's methods wait for both,
     * and a store that cannot be opened is reported by the first of them called. A command that trains opens its
     * store so while it loads the plugins, the data and the model: H2's first open in a new JVM takes 0.2-0.3 s,
     * most of it H2's code running for the first time.
     */
    public static Database openInBackground(StoreLocation location, boolean compactOnClose,
            Consumer<Database> whenOpen) {
        Database database = new Database(location, compactOnClose, false);
        Thread opener = new Thread(() -> database.openHere(whenOpen), "trainyard-store-open");
        opener.setDaemon(true);
        opener.start();
        return database;
    }

    private Database(StoreLocation location, boolean compactOnClose, boolean openNow) {
        this.location = location;
        this.compactOnClose = compactOnClose;
        this.dialect = Dialect.of(location.jdbcUrl(compactOnClose));
        if (openNow) {
            synchronized (this) {
                open();
                opened = true;
            }
        }
    }

    /** The opening thread's work: it holds the monitor throughout, so the store's methods wait until it is done. */
    private synchronized void openHere(Consumer<Database> whenOpen) {
        try {
            open();
            opened = true; // whenOpen uses the store, on this thread
            whenOpen.accept(this);
        } catch (StoreException e) {
            openFailure = e;
        } catch (RuntimeException | Error e) {
            openFailure = new StoreException("cannot open the store " + location.describe() + ": " + e, e);
        } finally {
            opened = true;
            notifyAll();
        }
    }

    private void open() {
        if (!location.external()) {
            createDirectory(location.directory());
        }
        // The holder migrates before it publishes its server, so a joining process always finds the schema
        // current and two processes opening a new store never migrate it at once.
        attach(true);
    }

    /** Waits until the store is open (at once unless it opens in the background); its failure is thrown here. */
    private synchronized void awaitOpen() {
        awaitOpening();
        if (openFailure != null) {
            throw new StoreException(openFailure.getMessage(), openFailure);
        }
    }

    private synchronized void awaitOpening() {
        while (!opened) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while the store " + location.describe() + " opened", e);
            }
        }
    }

    /** A new store's directory is its owner's alone: its database file and secret are nobody else's to read. */
    private static void createDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the store directory " + directory + ": " + reason(e)
                    + "; pass --store DIR with a directory you can write", e);
        }
    }

    public StoreLocation location() {
        return location;
    }

    /** The SQL of the database the store lives in. */
    public Dialect dialect() {
        return dialect;
    }

    /** Whether the store can only be read (it sits on a read-only file system): no run can be recorded. */
    public boolean readOnly() {
        awaitOpen();
        return readOnly;
    }

    /** Refuses to go on when nothing can be recorded, before anything is recorded or trained. */
    public void requireWritable() {
        if (readOnly()) {
            throw new StoreException("the store " + location.describe() + " is read-only (its file system or files"
                    + " cannot be written): its runs can be read, but nothing can be recorded in it; pass --store DIR"
                    + " with a writable directory", null);
        }
    }

    public Connection connect() {
        synchronized (this) {
            awaitOpen();
            if (closed) {
                throw new StoreException("the store is closed (the process is shutting down)", null);
            }
            for (int attached = 0; ; attached++) {
                try {
                    return pool != null ? pool.getConnection() : DriverManager.getConnection(url, user, password);
                } catch (SQLException e) {
                    if (keepAlive != null || readOnly || pool != null || attached == ATTEMPTS_ON_LOST_CONNECTION) {
                        throw failure(e);
                    }
                }
                // The holding process has gone: take the file over or join whoever did, who may be leaving too.
                attach(false);
            }
        }
    }

    /**
     * Whether the work that failed on its {@code attempt}-th try can be tried again on a new connection: the
     * connection went away before the work was committed, and tries are left.
     */
    boolean worthRetrying(SQLException failure, int attempt) {
        return attempt < ATTEMPTS_ON_LOST_CONNECTION && dialect.connectionLost(failure);
    }

    private void attach(boolean migrate) {
        if (location.external()) {
            // A database by URL is shared by its own server; this process only connects.
            url = location.jdbcUrl(compactOnClose);
            user = location.credentials().user();
            password = location.credentials().password();
            try (Connection probe = DriverManager.getConnection(url, user, password)) {
                // reachable, and the credentials are good
            } catch (SQLException e) {
                throw failure(e);
            }
            if (migrate) {
                migrate();
            }
            pool = pool(url, user, password);
            return;
        }
        Path file = location.databaseFile();
        if (!Files.isWritable(location.directory()) || Files.exists(file) && !Files.isWritable(file)) {
            openReadOnly(file);
            return;
        }
        if (!HELD_HERE.contains(file.toAbsolutePath())) {
            H2FileUpgrade.ifNeeded(location, USER, StoreSecret.read(location.directory()).orElse(""))
                    .ifPresent(from -> System.err.printf("trainyard: moved the store's database to H2 %s from H2 %s"
                            + " (the old file is kept as %s; delete it once you no longer need it)%n",
                            org.h2.engine.Constants.VERSION, from, H2FileUpgrade.keptFile(location)));
        }
        long deadline = System.nanoTime() + JOIN_PATIENCE.toNanos();
        while (true) {
            try {
                keepAlive = openFile(file);
                HELD_HERE.add(file.toAbsolutePath());
                url = location.jdbcUrl(compactOnClose);
                if (migrate) {
                    migrate();
                }
                server = StoreServer.start(location);
                return;
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw failure(e);
                }
            } catch (IOException e) {
                throw new StoreException("cannot serve the store to other processes: " + reason(e), e);
            }
            if (join(migrate)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException("cannot open the store " + location.describe() + ": another process holds"
                        + " its database file and does not answer on its port; if no Trainyard process is running,"
                        + " delete " + location.directory().resolve(StoreServer.PORT_FILE), null);
            }
            sleep(50);
        }
    }

    /**
     * A pool for a database by URL, where every new connection costs a network round trip and a login (40 ms to a
     * PostgreSQL server on the same machine): without one, recording a run's steps ran 23 000 points a second.
     * Connections open as units of work need them; the training process needs few at once.
     */
    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("trainyard-store");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(-1); // reachable and logged in already: the caller has just connected
        // A server out of reach is told within seconds; the run's recorder waits out outages itself (StoreOutage).
        config.setConnectionTimeout(2_000);
        return new HikariDataSource(config);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the process that holds the store", e);
        }
    }

    /** Connects to the server of the process holding the file; false to try again (it may have just left). */
    private boolean join(boolean migrate) {
        OptionalInt port = StoreServer.publishedPort(location);
        Optional<String> secret = StoreSecret.read(location.directory());
        if (port.isEmpty() || secret.isEmpty()) {
            return false;
        }
        String serverUrl = location.serverUrl(port.getAsInt());
        try (Connection probe = DriverManager.getConnection(serverUrl, USER, secret.get())) {
            url = serverUrl;
            user = USER;
            password = secret.get();
            if (migrate) {
                migrate();
            }
            return true;
        } catch (SQLException e) {
            // A stale port of a process that died, or a holder that is closing: try again.
            return false;
        } catch (StoreException e) {
            if (answers(serverUrl, secret.get())) {
                throw e;
            }
            // The holder closed while the schema was checked through it: try again, perhaps as holder.
            return false;
        }
    }

    /**
     * Opens the file for this process. A file that H2 could only replace is refused untouched. One whose last process
     * died is copied first, under the file's lock (the one H2 takes, so nobody writes it meanwhile): H2 repairs such
     * a file as it opens it, and if what it makes of it holds no store, the copy is put back and the file refused.
     * (A read-only look would be cheaper, but H2 keeps the file locked after a failed open.)
     */
    private Connection openFile(Path file) throws SQLException {
        Path absolute = file.toAbsolutePath();
        boolean fromTemplate = false;
        if (!Files.exists(absolute)) {
            password = StoreSecret.readOrCreate(location.directory());
            user = USER;
            if (!StoreTemplate.placeAt(absolute)) {
                return DriverManager.getConnection(location.jdbcUrl(compactOnClose), user, password);
            }
            fromTemplate = true; // (or another process, a moment ago): opened as any existing file from here on
        }
        if (HELD_HERE.contains(absolute)) {
            return login(location.jdbcUrl(compactOnClose), false); // H2 shares the database this process has open
        }
        // One copy per process: two processes may look at the same file one after the other.
        Path copy = absolute.resolveSibling(absolute.getFileName() + ".before-repair-" + ProcessHandle.current().pid());
        DatabaseFile.State state = inspectUnlocked(absolute, copy);
        if (state == DatabaseFile.State.DAMAGED) {
            // A file another process has just created is empty until it locks it: look once more.
            sleep(200);
            state = inspectUnlocked(absolute, copy);
        }
        if (state.refusal != null) {
            throw damaged(absolute, state.refusal);
        }
        try {
            Connection connection;
            try {
                connection = login(location.jdbcUrl(compactOnClose), fromTemplate);
            } catch (SQLException e) {
                if (state != DatabaseFile.State.UNCLEAN || e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw e; // H2 did not touch the file (another process may hold it: the caller joins that one)
                }
                restore(copy, absolute);
                throw damaged(absolute, StoreErrors.describe(e));
            }
            if (!hasSchema(connection)) {
                connection.close();
                if (state == DatabaseFile.State.UNCLEAN) {
                    restore(copy, absolute);
                }
                throw damaged(absolute, "it holds no Trainyard tables");
            }
            return connection;
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // A stale copy is replaced by the next one.
            }
        }
    }

    /**
     * The file's state if no process holds it, looked at under its lock ({@code CLEAN} when another process holds
     * it: H2 then refuses to open it and this process joins the holder); an {@code UNCLEAN} file is copied to
     * {@code copy} meanwhile. Files this process holds are never looked at: closing a channel releases every lock the
     * process has on the file, H2's included.
     */
    private DatabaseFile.State inspectUnlocked(Path file, Path copy) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return DatabaseFile.State.CLEAN;
            }
            DatabaseFile.State state = DatabaseFile.inspect(channel);
            if (state == DatabaseFile.State.UNCLEAN) {
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return state;
        } catch (OverlappingFileLockException e) {
            return DatabaseFile.State.CLEAN;
        } catch (IOException e) {
            throw new StoreException("cannot open the store " + location.describe() + ": its database " + file
                    + " cannot be read or copied before H2 repairs it: " + reason(e), e);
        }
    }

    /** Puts the copy back, as a new file: a lock H2 may have left on the old one stays with the old one. */
    private static void restore(Path copy, Path file) {
        try {
            Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("the store's database " + file + " cannot be read, and its copy " + copy
                    + " taken before H2 tried to repair it could not be put back (" + reason(e) + "); keep that"
                    + " copy: it is the store as it was", e);
        }
    }


    /**
     * Logs in with the store's secret; a store made before secrets existed, or just made from the template, has an
     * empty password and gets the secret now, from its owner.
     *
     * @param fromTemplate whether this process has just made the file from the template: its password is tried
     *     empty first, since H2 makes every wrong password wait (0.25 s, longer each time)
     */
    private Connection login(String fileUrl, boolean fromTemplate) throws SQLException {
        user = USER;
        if (fromTemplate) {
            Optional<Connection> empty = tryLogin(fileUrl, "");
            if (empty.isPresent()) {
                return adoptSecret(empty.get());
            }
        }
        Optional<String> secret = StoreSecret.read(location.directory());
        Optional<Connection> connection = secret.isPresent() ? tryLogin(fileUrl, secret.get()) : Optional.empty();
        if (connection.isPresent()) {
            password = secret.get();
            return connection.get();
        }
        Optional<Connection> empty = fromTemplate ? Optional.empty() : tryLogin(fileUrl, "");
        return adoptSecret(empty.orElseThrow(() -> new StoreException("cannot open the store " + location.describe()
                + ": its secret " + location.directory().resolve(StoreSecret.FILE) + " is missing or is not the one"
                + " it was made with; restore that file from where the store came from", null)));
    }

    /** A connection, or none if H2 refuses the password. */
    private static Optional<Connection> tryLogin(String fileUrl, String password) throws SQLException {
        try {
            return Optional.of(DriverManager.getConnection(fileUrl, USER, password));
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** Gives the store whose empty password {@code legacy} logged in with the store's secret, unless read-only. */
    private Connection adoptSecret(Connection legacy) throws SQLException {
        if (readOnly) {
            password = "";
            return legacy;
        }
        // The secret is written before the password changes: a process dying in between leaves an empty password
        // and the secret, and the next open finishes the change.
        password = StoreSecret.readOrCreate(location.directory());
        try (Statement statement = legacy.createStatement()) {
            statement.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'"); // hex digits only
        }
        return legacy;
    }

    private void openReadOnly(Path file) {
        readOnly = true;
        if (!Files.exists(file)) {
            throw new StoreException("cannot create the store in " + location.directory() + ": the directory is"
                    + " read-only; pass --store DIR with a directory you can write", null);
        }
        try {
            keepAlive = login(location.readOnlyJdbcUrl(), false);
            url = location.readOnlyJdbcUrl();
            if (!hasSchema(keepAlive)) {
                throw damaged(file, "it holds no Trainyard tables");
            }
            if (Schema.current(keepAlive, dialect)) {
                return;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        if (Schema.flyway(url, user, password, dialect).info().pending().length > 0) {
            throw new StoreException("cannot open the store " + location.describe() + ": it is read-only and was"
                    + " made by an older Trainyard; open it once where it can be written to upgrade it", null);
        }
    }

    private StoreException damaged(Path file, String why) {
        String recovery = neverHeldARun()
                ? "no run was ever recorded in this store (it has no run folders), so if its creation was"
                        + " interrupted, delete " + file + " and the next command creates it afresh"
                : "restore it from a backup (see 'When the store is damaged' in the README)";
        return new StoreException("the store's database " + file + " cannot be read (" + why + "); it was left"
                + " untouched: " + recovery, null);
    }

    /** Whether the store directory has no run folder: whatever the database held, it held no run's history. */
    private boolean neverHeldARun() {
        Path runs = location.runDirectory("any").getParent();
        try (var folders = Files.list(runs)) {
            return folders.findAny().isEmpty();
        } catch (IOException e) {
            return Files.notExists(runs);
        }
    }

    private static boolean hasSchema(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            return tables.next();
        }
    }

    private boolean answers(String serverUrl, String secret) {
        try (Connection probe = DriverManager.getConnection(serverUrl, USER, secret)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Brings the store's schema up to date; nothing to do, and no Flyway, when it is current already. */
    private void migrate() {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            if (Schema.current(connection, dialect)) {
                return;
            }
        } catch (SQLException e) {
            // Flyway connects again below, and reports what is wrong.
        }
        try {
            Schema.flyway(url, user, password, dialect).migrate();
        } catch (FlywayException e) {
            if (keepAlive != null) {
                release(); // this process held the file
            }
            String text = String.valueOf(e.getMessage());
            String first = text.lines().findFirst().orElse(text);
            throw new StoreException("cannot open the store " + location.describe() + ": "
                    + (text.contains("newer than") || text.contains("Validate failed")
                            ? first + "; it was made by a newer Trainyard, use that version" : first), e);
        }
    }

    private StoreException failure(SQLException e) {
        return new StoreException("cannot open the store " + location.describe() + ": "
                + StoreErrors.describe(e, location), e);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }

    /**
     * Stops serving other processes and closes the database cleanly (written completely to disk); safe to call more
     * than once.
     */
    @Override
    public synchronized void close() {
        awaitOpening(); // a store still opening would be left open
        release();
    }

    private synchronized void release() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
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
            if (!readOnly) {
                HELD_HERE.remove(location.databaseFile().toAbsolutePath());
            }
        }
    }
}
