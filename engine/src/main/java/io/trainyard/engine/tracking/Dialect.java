package io.trainyard.engine.tracking;

import io.trainyard.engine.tracking.migration.V12__Checks_without_in;
import io.trainyard.engine.tracking.migration.V2__Crashed_status;
import io.trainyard.engine.tracking.migration.V5__Step_chunks;
import io.trainyard.engine.tracking.migration.V9__Trial_queue;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.flywaydb.core.api.migration.JavaMigration;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;
import org.postgresql.util.PSQLException;

/**
 * What differs between the databases a store can live in; every other statement of the store is standard SQL that
 * both run as written. This is the one place that knows a database by name.
 */
public enum Dialect {

    /** The embedded default, and H2 servers. */
    H2("db/migration", List.of(new V2__Crashed_status(), new V5__Step_chunks(),
            new V9__Trial_queue(), new V12__Checks_without_in())) {
        @Override
        String ignoringDuplicates(String insert, String key) {
            return insert; // H2 fails only the statement on a duplicate, not the transaction: the caller goes on
        }

        @Override
        Optional<String> flush() {
            // H2 writes commits to disk a moment later; a checkpoint writes them now.
            return Optional.of("CHECKPOINT");
        }

        @Override
        Optional<String> lazyCommit() {
            return Optional.empty(); // H2's commits are lazy already
        }

        @Override
        boolean connectionLost(SQLException e) {
            int code = e.getErrorCode();
            return code == ErrorCode.CONNECTION_BROKEN_1 || code == ErrorCode.DATABASE_IS_CLOSED
                    || standardConnectionLost(e)
                    // what a connection answers once the server told it the session closed (H2 names it so)
                    || code == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
                    // the process serving the store closed the database during the unit, which H2 rolled back
                    || code == ErrorCode.GENERAL_ERROR_1 && String.valueOf(e.getMessage()).contains("status ROLLED_BACK");
        }

        @Override
        Optional<String> describe(SQLException e) {
            if (!(e instanceof JdbcException h2)) {
                return Optional.empty();
            }
            return Optional.of(switch (e.getErrorCode()) {
                case ErrorCode.WRONG_USER_OR_PASSWORD -> "the database refused the user name or password";
                case ErrorCode.DATABASE_IS_READ_ONLY -> "the store is read-only";
                case ErrorCode.VALUE_TOO_LONG_2 -> "a value is longer than the store keeps";
                default -> firstLine(h2.getOriginalMessage()); // without the SQL statement H2 appends
            });
        }
    },

    /** The team store: PostgreSQL 15 or newer. */
    POSTGRESQL("db/postgresql", List.of()) {
        @Override
        String ignoringDuplicates(String insert, String key) {
            // A failed statement aborts PostgreSQL's whole transaction: the duplicate must not fail at all.
            return insert + " ON CONFLICT (" + key + ") DO NOTHING";
        }

        @Override
        Optional<String> flush() {
            return Optional.empty(); // a commit is on disk when it returns (synchronous_commit)
        }

        @Override
        Optional<String> lazyCommit() {
            return Optional.of("SET LOCAL synchronous_commit TO OFF");
        }

        @Override
        boolean connectionLost(SQLException e) {
            return standardConnectionLost(e);
        }

        @Override
        Optional<String> describe(SQLException e) {
            if (!(e instanceof PSQLException postgres)) {
                return Optional.empty();
            }
            String state = String.valueOf(e.getSQLState());
            if (state.equals("28P01") || state.equals("28000")) {
                return Optional.of("the database refused the user name or password (" + firstLine(
                        serverMessage(postgres)) + "); give the password in PGPASSWORD or ~/.pgpass, as for psql");
            }
            if (state.equals("3D000")) {
                return Optional.of(firstLine(serverMessage(postgres)) + "; create it first (createdb), or name"
                        + " another database in the store URL");
            }
            if (state.equals("53100")) {
                return Optional.of("no space left on the database server's disk");
            }
            if (state.equals("22001")) {
                return Optional.of("a value is longer than the store keeps");
            }
            return Optional.of(firstLine(serverMessage(postgres)));
        }

        /** The server's own message, without the statement, position or detail (which can hold a row's values). */
        private String serverMessage(PSQLException e) {
            return e.getServerErrorMessage() != null && e.getServerErrorMessage().getMessage() != null
                    ? e.getServerErrorMessage().getMessage() : e.getMessage();
        }
    };

    private final String migrations;
    private final List<JavaMigration> javaMigrations;

    Dialect(String migrations, List<JavaMigration> javaMigrations) {
        this.migrations = migrations;
        this.javaMigrations = javaMigrations;
    }

    /** The dialect of a JDBC URL the store accepts. */
    static Dialect of(String jdbcUrl) {
        return jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
    }

    /** The class-path folder of this database's Flyway SQL migrations. */
    String migrations() {
        return migrations;
    }

    /** Migrations written in Java (what SQL alone cannot do on this database). */
    List<JavaMigration> javaMigrations() {
        return javaMigrations;
    }

    /**
     * {@code insert} (one row) made to do nothing when a row with the same {@code key} exists, so that two processes
     * creating the same row at once both succeed. On H2 the duplicate may still fail the statement alone (SQLSTATE
     * 23505), which the caller ignores.
     */
    abstract String ignoringDuplicates(String insert, String key);

    /** A statement that makes committed work durable, where a commit alone does not. */
    abstract Optional<String> flush();

    /**
     * A statement that lets the current transaction's commit return before it is on disk. The next durable commit
     * writes it too: used for what a run records between its epochs, whose epoch's commit follows.
     */
    abstract Optional<String> lazyCommit();

    /** Whether a unit of work failed because its connection went away, uncommitted: it can be repeated. */
    abstract boolean connectionLost(SQLException e);

    /** What the error means to a user, in one line that carries no SQL, if it is this database's. */
    abstract Optional<String> describe(SQLException e);

    static boolean duplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static boolean standardConnectionLost(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static String firstLine(String text) {
        String message = String.valueOf(text);
        return message.lines().findFirst().orElse(message);
    }
}
