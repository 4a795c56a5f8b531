package io.trainyard.engine.run;

import io.trainyard.api.callback.Evaluation;
import io.trainyard.engine.checkpoint.ModelFile;
import io.trainyard.engine.tracking.Checkpoint;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.training.ExperimentAssembler;
import io.trainyard.engine.training.PreparedExperiment;
import io.trainyard.engine.training.Trainer;
import jakarta.inject.Inject;

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
        SavedCheckpoint saved = SavedCheckpoint.read(queries, id, kind);
        RecordedExperiment recorded = RecordedExperiment.of(run, queries);
        PreparedExperiment prepared = assembler.prepare(recorded.file(), recorded.overrides());
        ModelFile.restore(saved.data(), prepared.setup().model(), null, null, saved.checkpoint().path());
        Evaluation evaluation = new Trainer().evaluate(prepared.setup(), prepared.experiment().evalBatchSize());
        return new Result(run, saved.checkpoint(), evaluation);
    }
}
