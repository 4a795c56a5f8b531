package io.trainyard.engine.tracking.migration;

import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Allows the status CRASHED (a Java migration: see {@link StatusCheck}). */
public final class V2__Crashed_status extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        StatusCheck.replace(context.getConnection(), "runs", "'RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'CRASHED'");
    }
}
