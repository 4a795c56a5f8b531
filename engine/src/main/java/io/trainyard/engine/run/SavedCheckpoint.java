package io.trainyard.engine.run;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.checkpoint.CheckpointRecorder;
import io.trainyard.engine.tracking.Checkpoint;
import io.trainyard.engine.tracking.RunQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's checkpoint as recorded, with its file's content, read only if its SHA-256 is the recorded one: from the
 * file, or where the file is not on this machine (a worker resuming another's trial), from the store's copy.
 */
record SavedCheckpoint(Checkpoint checkpoint, byte[] data) {

    static SavedCheckpoint read(RunQueries queries, String runId, String kind) {
        Checkpoint checkpoint = queries.checkpoints(runId).get(kind);
        if (checkpoint == null) {
            throw new TrainyardException("run " + runId + " has no " + kind + " checkpoint (a run saves one from its"
                    + " first finished epoch on)");
        }
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(checkpoint.path()));
        } catch (IOException e) {
            data = queries.checkpointData(runId, kind).orElseThrow(() -> new TrainyardException("cannot read the "
                    + kind + " checkpoint of run " + runId + " at " + checkpoint.path() + ": " + e.getMessage()));
        }
        if (!CheckpointRecorder.sha256(data).equals(checkpoint.sha256())) {
            throw new TrainyardException("the " + kind + " checkpoint of run " + runId + " (" + checkpoint.path()
                    + ") has changed since it was saved: its SHA-256 is not the recorded " + checkpoint.sha256());
        }
        return new SavedCheckpoint(checkpoint, data);
    }
}
