package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where runs are recorded: by default a directory holding the H2 database {@code trainyard.mv.db} and one folder per
 * run under {@code runs/}; or a database given by its URL (a team's PostgreSQL server, or an H2 server), the run
 * folders then staying in a local directory.
 *
 * @param directory the store directory, or for a JDBC store the directory of the run folders; created on first use
 * @param url the JDBC URL of a database that is not a file in {@code directory}, or null
 * @param credentials how to log in to the database of {@code url}; a directory's own database uses its secret
 * @param sharedRunFiles whether every machine that uses the database mounts {@code directory}
 *     ({@code TRAINYARD_RUN_FILES_SHARED}): then checkpoints and artifacts stay there alone, not in the database too
 */
public record StoreLocation(Path directory, String url, Credentials credentials, boolean sharedRunFiles) {

    /** The store used when neither {@code --store} nor {@code TRAINYARD_STORE} says otherwise. */
    public static final Path DEFAULT = Path.of("trainyard-runs");
    /** A training process compacts a store's H2 file on close once less than this share (%) of it holds live data. */
    static final int COMPACT_BELOW_FILL_RATE = 50;

    /** A user name and password, the password never shown. */
    public record Credentials(String user, String password) {

        /** {@code TRAINYARD_STORE_USER} (default {@code sa}) and {@code TRAINYARD_STORE_PASSWORD}. */
        static Credentials fromEnvironment(Map<String, String> environment) {
            String user = environment.get("TRAINYARD_STORE_USER");
            String password = environment.get("TRAINYARD_STORE_PASSWORD");
            return new Credentials(user == null || user.isBlank() ? "sa" : user, password == null ? "" : password);
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=(hidden)]";
        }
    }

    /** A store in a directory. */
    public StoreLocation(Path directory) {
        this(directory, null, null, false);
    }

    /** A database by URL, its run folders in {@code directory} on this machine. */
    public StoreLocation(Path directory, String url, Credentials credentials) {
        this(directory, url, credentials, false);
    }

    /**
     * {@code --store} if given, else the {@code TRAINYARD_STORE} environment variable, else {@link #DEFAULT}; a
     * PostgreSQL URL ({@link PostgresUrl}) or an H2 server's ({@link StoreUrl}) names a database, anything else a
     * directory. A database store keeps its run folders in {@code TRAINYARD_RUN_FILES}, else in {@link #DEFAULT}.
     */
    public static StoreLocation resolve(String option, Map<String, String> environment) {
        String variable = environment.get("TRAINYARD_STORE");
        String chosen = option != null ? option : variable != null && !variable.isBlank() ? variable : null;
        if (chosen == null) {
            return new StoreLocation(DEFAULT);
        }
        if (!PostgresUrl.names(chosen) && !chosen.startsWith("jdbc:")) {
            return new StoreLocation(Path.of(chosen));
        }
        String runFilesVariable = environment.get("TRAINYARD_RUN_FILES");
        boolean named = runFilesVariable != null && !runFilesVariable.isBlank();
        Path runFiles = named ? Path.of(runFilesVariable) : DEFAULT;
        StoreLocation location = PostgresUrl.names(chosen) ? PostgresUrl.location(chosen, runFiles, environment)
                : new StoreLocation(runFiles, StoreUrl.check(chosen), Credentials.fromEnvironment(environment));
        String shared = environment.getOrDefault("TRAINYARD_RUN_FILES_SHARED", "");
        if (!shared.isBlank() && !shared.equals("0") && !shared.equalsIgnoreCase("false")) {
            if (!named) {
                throw new TrainyardException("TRAINYARD_RUN_FILES_SHARED says the run folders are on a directory"
                        + " every machine mounts, but TRAINYARD_RUN_FILES does not name it; set it to that directory");
            }
            return new StoreLocation(location.directory(), location.url(), location.credentials(), true);
        }
        return location;
    }

    /**
     * Whether the database keeps the bytes of checkpoints and artifacts as well as their files: a database by URL
     * serves machines that may not see this one's run folders, unless those are on a directory they all mount.
     */
    public boolean keepsFileBytes() {
        return external() && !sharedRunFiles;
    }

    /** Whether the database is given by URL rather than being this store's own file. */
    public boolean external() {
        return url != null;
    }

    /** How users see the store in messages: the URL or the directory. */
    public String describe() {
        return external() ? url : directory.toString();
    }

    /**
     * The given URL; or H2 in embedded file mode, for the process that holds the file. DB_CLOSE_ON_EXIT is off
     * because the engine's own shutdown hook still records a killed run's status; the engine closes the database
     * itself. (H2's automatic mixed mode requires DB_CLOSE_ON_EXIT, hence {@link StoreServer}.)
     *
     * <p>Compaction: H2 2.4.240 compacts the file on close whenever less than {@code AUTO_COMPACT_FILL_RATE} of it
     * (90 % by default) holds live data, rewriting chunks and syncing the file several times: after every run, as a
     * run leaves some dead space, 0.3 to 0.45 s at each training command's end on a store of 1 000 runs (0.02-0.08 s
     * on a new store), and 0.3 to 0.8 s at every close of a command that only reads. The commands that train, which
     * write the most, compact once less than {@link #COMPACT_BELOW_FILL_RATE} % of the file is live: the file stays
     * within about twice its live data (H2 reuses the dead space meanwhile) and a close usually costs 5-20 ms. The
     * commands that read (or write a tag) never compact on close (MAX_COMPACT_TIME=0): they leave the file as they
     * found it. (Never compacting at all left H2 2.2.224 unable to read a file that a killed process had held, "Double
     * mark", h2database issue 2752, fixed in 2.3.230; the threshold keeps the file from growing without bound.)
     *
     * @param compactOnClose whether closing the database compacts the file once it is mostly dead space
     */
    public String jdbcUrl(boolean compactOnClose) {
        return external() ? url : "jdbc:h2:file:" + databasePath() + ";DB_CLOSE_ON_EXIT=FALSE"
                + (compactOnClose ? ";AUTO_COMPACT_FILL_RATE=" + COMPACT_BELOW_FILL_RATE : ";MAX_COMPACT_TIME=0");
    }

    /** The URL of a process that compacts the file on close (see {@link #jdbcUrl(boolean)}). */
    public String jdbcUrl() {
        return jdbcUrl(true);
    }

    /** The store's own database opened read-only: H2 neither writes nor repairs the file. */
    String readOnlyJdbcUrl() {
        return "jdbc:h2:file:" + databasePath() + ";ACCESS_MODE_DATA=r";
    }

    /** The same database through the TCP server of the process that holds the file. */
    String serverUrl(int port) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + databasePath();
    }

    /** The H2 file of a directory store. */
    public Path databaseFile() {
        return directory.toAbsolutePath().resolve("trainyard.mv.db");
    }

    private Path databasePath() {
        return directory.toAbsolutePath().resolve("trainyard");
    }

    /** Where a run keeps its files ({@code epochs.csv}, later checkpoints). */
    public Path runDirectory(String runId) {
        return directory.resolve("runs").resolve(runId);
    }
}
