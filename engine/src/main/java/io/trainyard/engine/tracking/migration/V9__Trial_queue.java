package io.trainyard.engine.tracking.migration;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Sweeps whose trials workers take from a queue: a sweep may be QUEUED (recorded, run by workers rather than by
 * the command that recorded it); a trial records the worker that claimed it and until when its claim holds; a
 * checkpoint may carry its file's bytes, so that a worker on another machine can resume it. (Java for the status
 * check: see {@link StatusCheck}; db/postgresql/V9 is the same change.)
 */
public final class V9__Trial_queue extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        StatusCheck.replace(context.getConnection(), "sweeps",
                "'QUEUED', 'RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'CRASHED'");
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE sweep_trials ADD COLUMN worker VARCHAR(200)");
            statement.execute("ALTER TABLE sweep_trials ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE");
            statement.execute("ALTER TABLE checkpoints ADD COLUMN data VARBINARY(1000000000)");
        }
    }
}
