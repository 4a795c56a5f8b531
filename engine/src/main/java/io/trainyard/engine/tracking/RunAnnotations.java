package io.trainyard.engine.tracking;

import jakarta.inject.Inject;
import java.sql.PreparedStatement;

/** What users add to a run after the fact: tags and a note. */
public final class RunAnnotations {

    private final Transactions transactions;

    @Inject
    public RunAnnotations(Database database) {
        this.transactions = new Transactions(database);
    }

    /** Sets a tag, replacing its value if the run has it; a null value removes it. */
    public void tag(String runId, String key, String value) {
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
        transactions.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE runs SET note = ? WHERE id = ?")) {
                update.setString(1, note);
                update.setString(2, runId);
                update.executeUpdate();
            }
        });
    }
}
