package io.trainyard.engine.tracking;

import java.nio.file.Path;

/**
 * The directory holding a store: the H2 database {@code trainyard.mv.db} and one folder per run under {@code runs/}.
 *
 * @param directory the store directory, created on first use
 */
public record StoreLocation(Path directory) {

    /** The store used when neither {@code --store} nor {@code TRAINYARD_STORE} says otherwise. */
    public static final Path DEFAULT = Path.of("trainyard-runs");

    /** {@code --store} if given, else the {@code TRAINYARD_STORE} environment variable, else {@link #DEFAULT}. */
    public static StoreLocation resolve(Path option, String environment) {
        if (option != null) {
            return new StoreLocation(option);
        }
        if (environment != null && !environment.isBlank()) {
            return new StoreLocation(Path.of(environment));
        }
        return new StoreLocation(DEFAULT);
    }

    /**
     * H2 in embedded file mode, for the process that holds the file. DB_CLOSE_ON_EXIT is off because the engine's own
     * shutdown hook still records a killed run's status; the engine closes the database itself. (H2's automatic
     * mixed mode requires DB_CLOSE_ON_EXIT, hence {@link StoreServer}.)
     */
    public String jdbcUrl() {
        return "jdbc:h2:file:" + databasePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The same database through the TCP server of the process that holds the file. */
    String serverUrl(int port) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + databasePath();
    }

    private Path databasePath() {
        return directory.toAbsolutePath().resolve("trainyard");
    }

    /** Where a run keeps its files ({@code epochs.csv}, later checkpoints). */
    public Path runDirectory(String runId) {
        return directory.resolve("runs").resolve(runId);
    }
}
