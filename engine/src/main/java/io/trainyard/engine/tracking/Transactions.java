package io.trainyard.engine.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Units of work on the store, each one transaction: committed whole or rolled back whole, so a failure never leaves
 * half a write behind. A unit whose connection was lost (the process that served the store to this one has
 * exited) is repeated on a new connection (see {@link Database#worthRetrying}): the lost transaction was not
 * committed.
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
                if (database.worthRetrying(e, attempt)) {
                    continue;
                }
                throw new StoreException("writing to the store failed: " + StoreErrors.describe(e, database.location()), e);
            }
        }
    }

    /**
     * As {@link #run}, but the commit may return before it is on disk: a database that crashes right after loses
     * it. For records that a durable commit soon follows (the steps of an epoch before the epoch's own commit,
     * which writes them too); 2.3 ms an fsync held PostgreSQL to 430 000 step metrics a second.
     */
    void lazy(Work work) {
        Optional<String> lazy = database.dialect().lazyCommit();
        run(connection -> {
            if (lazy.isPresent()) {
                try (var statement = connection.createStatement()) {
                    statement.execute(lazy.get());
                }
            }
            work.run(connection);
        });
    }

    /** As {@link #run}, then on disk before returning, also on a database where a commit alone is not. */
    void durable(Work work) {
        run(work);
        database.dialect().flush().ifPresent(flush -> run(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(flush);
            }
        }));
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is gone, and with it the uncommitted work.
        }
    }
}
