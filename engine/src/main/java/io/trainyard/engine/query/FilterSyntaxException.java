package io.trainyard.engine.query;

import io.trainyard.api.TrainyardException;

/** A filter or ordering the user wrote that cannot be read: the message shows the text with a caret at the column. */
public final class FilterSyntaxException extends TrainyardException {

    private static final long serialVersionUID = 1L;

    FilterSyntaxException(String what, String text, int index, String problem) {
        super(what + ": " + problem + " at column " + (index + 1) + "\n  " + text + "\n  " + " ".repeat(index) + "^");
    }
}
