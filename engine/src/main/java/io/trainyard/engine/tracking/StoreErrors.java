package io.trainyard.engine.tracking;

import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;

/**
 * What a database error means to a user, in one line: H2's message without the SQL statement it carries, or what
 * lies beneath it when that is the real cause (a full disk, a read-only file system).
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
            switch (sql.getErrorCode()) {
                case ErrorCode.WRONG_USER_OR_PASSWORD:
                    return "the database refused the user name or password";
                case ErrorCode.DATABASE_IS_READ_ONLY:
                    return "the store is read-only";
                case ErrorCode.VALUE_TOO_LONG_2:
                    return "a value is longer than the store keeps";
                default:
                    break;
            }
        }
        String message = error instanceof JdbcException h2 ? h2.getOriginalMessage() : error.getMessage();
        String text = String.valueOf(message);
        return text.lines().findFirst().orElse(text);
    }
}
