package io.trainyard.engine.run;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.engine.checkpoint.CheckpointRecorder;
import io.trainyard.engine.checkpoint.ModelFile;
import io.trainyard.engine.tracking.Checkpoint;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.training.ExperimentAssembler;
import io.trainyard.engine.training.PreparedExperiment;
import io.trainyard.engine.training.Trainer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code trainyard evaluate}: the test loss and accuracy of a run's saved model, rebuilt from the run's record and
 * loaded from its checkpoint after checking the file's SHA-256 against the one recorded.
 */
public final class ModelEvaluation {

    private final ExperimentAssembler assembler;
    private final RunQueries queries;

    @Inject
    public ModelEvaluation(ExperimentAssembler assembler, RunQueries queries) {
        this.assembler = assembler;
        this.queries = queries;
    }

    public record Result(RunDetails run, Checkpoint checkpoint, Evaluation evaluation) {
    }

    public Result evaluate(String idOrPrefix, String kind) {
        RunDetails run = queries.find(idOrPrefix);
        String id = run.summary().id();
        Checkpoint checkpoint = queries.checkpoints(id).get(kind);
        if (checkpoint == null) {
            throw new TrainyardException("run " + id + " has no " + kind + " checkpoint (a run saves one from its"
                    + " first finished epoch on)");
        }
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(checkpoint.path()));
        } catch (IOException e) {
            throw new TrainyardException("cannot read the " + kind + " checkpoint of run " + id + " at "
                    + checkpoint.path() + ": " + e.getMessage());
        }
        if (!CheckpointRecorder.sha256(data).equals(checkpoint.sha256())) {
            throw new TrainyardException("the " + kind + " checkpoint of run " + id + " (" + checkpoint.path()
                    + ") has changed since it was saved: its SHA-256 is not the recorded " + checkpoint.sha256());
        }
        RecordedExperiment recorded = RecordedExperiment.of(run, queries);
        PreparedExperiment prepared = assembler.prepare(recorded.file(), recorded.overrides());
        ModelFile.restore(data, prepared.setup().model(), null, checkpoint.path());
        Evaluation evaluation = new Trainer().evaluate(prepared.setup(), prepared.experiment().evalBatchSize());
        return new Result(run, checkpoint, evaluation);
    }
}
