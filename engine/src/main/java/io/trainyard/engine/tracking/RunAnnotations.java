package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;

/** What users add to a run after the fact (or code as it trains): tags and a note. */
public final class RunAnnotations {

    /** A tag's key: letters, digits, '_', '.' or '-', as filters name it ({@code tags.team}). */
    private static final String KEY = "[A-Za-z0-9_][A-Za-z0-9_.-]*";
    private static final int KEY_LIMIT = 200;
    private static final int VALUE_LIMIT = 1000;
    private static final int NOTE_LIMIT = 4000;

    private final Transactions transactions;

    @Inject
    public RunAnnotations(Database database) {
        this.transactions = new Transactions(database);
    }

    /** Sets a tag, replacing its value if the run has it; a null value removes it. */
    public void tag(String runId, String key, String value) {
        checkTag(key, value);
        transactions.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM tags WHERE run_id = ? AND tag_key = ?")) {
                delete.setString(1, runId);
                delete.setString(2, key);
                delete.executeUpdate();
            }
            if (value != null) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO tags (run_id, tag_key, tag_value) VALUES (?, ?, ?)")) {
                    insert.setString(1, runId);
                    insert.setString(2, key);
                    insert.setString(3, value);
                    insert.executeUpdate();
                }
            }
        });
    }

    /** Replaces the run's note; null clears it. */
    public void note(String runId, String note) {
        checkNote(note);
        transactions.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE runs SET note = ? WHERE id = ?")) {
                update.setString(1, note);
                update.setString(2, runId);
                update.executeUpdate();
            }
        });
    }

    /** Refuses, in one line, a tag the store cannot keep or a filter could not name; a null value passes. */
    public static void checkTag(String key, String value) {
        if (key == null || !key.matches(KEY)) {
            throw new TrainyardException("cannot use '" + key + "' as a tag key; write it with letters, digits, '_',"
                    + " '.' or '-'");
        }
        if (key.length() > KEY_LIMIT || (value != null && value.length() > VALUE_LIMIT)) {
            throw new TrainyardException("tag '" + key.substring(0, Math.min(key.length(), 40)) + "' is too long;"
                    + " keys hold " + KEY_LIMIT + " characters, values " + VALUE_LIMIT);
        }
    }

    public static void checkNote(String note) {
        if (note != null && note.length() > NOTE_LIMIT) {
            throw new TrainyardException("the note has " + note.length() + " characters; a note holds at most "
                    + NOTE_LIMIT + " (keep longer texts in a file and note its path)");
        }
    }
}
