package io.trainyard.api;

/**
 * A problem the user can fix: bad configuration, missing or corrupt data. The engine shows its message as a single
 * line without a stack trace, so the message must name the problem and say how to fix it.
 */
public class TrainyardException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainyardException(String message) {
        super(message);
    }

    public TrainyardException(String message, Throwable cause) {
        super(message, cause);
    }
}
