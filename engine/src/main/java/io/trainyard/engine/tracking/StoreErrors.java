package io.trainyard.engine.tracking;

import java.sql.SQLException;

/**
 * What a database error means to a user, in one line: the database's message without the SQL statement it carries
 * (each {@link Dialect} knows its own), or what lies beneath it when that is the real cause (a full disk, a
 * read-only file system).
 */
final class StoreErrors {

    private StoreErrors() {
    }

    static String describe(Throwable error) {
        return describe(error, null);
    }

    /** As {@link #describe(Throwable)}, naming the store when the device holding it is full. */
    static String describe(Throwable error, StoreLocation store) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("No space left on device")) {
                return "no space left on the device holding the store" + (store == null ? "" : " " + store.describe())
                        + "; free some space and run the command again";
            }
            if (message.contains("Read-only file system")) {
                return "the store is on a read-only file system";
            }
        }
        if (error instanceof SQLException sql) {
            for (Dialect dialect : Dialect.values()) {
                var described = dialect.describe(sql);
                if (described.isPresent()) {
                    return described.get();
                }
            }
        }
        String text = String.valueOf(error.getMessage());
        return text.lines().findFirst().orElse(text);
    }
}
