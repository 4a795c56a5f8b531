package io.trainyard.engine.run;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.Checkpoint;
import io.trainyard.engine.tracking.KeptFile;
import io.trainyard.engine.tracking.RunQueries;

/** A run's checkpoint as recorded, with its file's content as {@link KeptFile} reads it. */
record SavedCheckpoint(Checkpoint checkpoint, byte[] data) {

    static SavedCheckpoint read(RunQueries queries, String runId, String kind) {
        Checkpoint checkpoint = queries.checkpoints(runId).get(kind);
        if (checkpoint == null) {
            throw new TrainyardException("run " + runId + " has no " + kind + " checkpoint (a run saves one from its"
                    + " first finished epoch on)");
        }
        byte[] data = KeptFile.read("the " + kind + " checkpoint of run " + runId, checkpoint.path(),
                checkpoint.sha256(), () -> queries.checkpointData(runId, kind));
        return new SavedCheckpoint(checkpoint, data);
    }
}
