package io.trainyard.engine.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.ErrorCode;

/**
 * Units of work on the store, each one transaction: committed whole or rolled back whole, so a failure never leaves
 * half a write behind. A unit whose connection was lost (the process that served the store to this one has
 * exited) is repeated once on a new connection: the lost transaction was not committed.
 */
final class Transactions {

    interface Work {
        void run(Connection connection) throws SQLException;
    }

    private final Database database;

    Transactions(Database database) {
        this.database = database;
    }

    void run(Work work) {
        database.requireWritable();
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    work.run(connection);
                    connection.commit();
                    return;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt == 1 && connectionLost(e)) {
                    continue;
                }
                throw new StoreException("writing to the store failed: " + StoreErrors.describe(e, database.location()), e);
            }
        }
    }

    /** As {@link #run}, then on disk before returning: H2 writes commits a moment later; CHECKPOINT writes them now. */
    void durable(Work work) {
        run(work);
        run(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        });
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is gone, and with it the uncommitted work.
        }
    }

    /**
     * Whether the unit failed because the process serving the store went away: the connection broke, the database
     * closed under it, or (when the holder closed the database during the unit) H2 rolled the unit back.
     */
    private static boolean connectionLost(SQLException e) {
        int code = e.getErrorCode();
        return code == ErrorCode.CONNECTION_BROKEN_1 || code == ErrorCode.DATABASE_IS_CLOSED
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"))
                || code == ErrorCode.GENERAL_ERROR_1 && String.valueOf(e.getMessage()).contains("status ROLLED_BACK");
    }
}
