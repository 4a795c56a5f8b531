package io.trainyard.engine.run;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.provenance.Provenance;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment as a run recorded it: the file's text as it was read (later edits do not matter) and the command
 * line's overrides, which together resolve to the run's settings again.
 */
record RecordedExperiment(ExperimentFile file, List<String> overrides) {

    static RecordedExperiment of(RunDetails run, RunQueries queries) {
        String text = queries.experimentText(run.summary().id());
        if (text == null) {
            String main = run.provenance().get(Provenance.TRACKED_FROM);
            throw new TrainyardException(main == null ? "run " + run.summary().id() + " has no recorded experiment text"
                    : "run " + run.summary().id() + " was tracked from " + main + ", code of its own, not trained from"
                            + " an experiment file; run that code again to repeat it");
        }
        return new RecordedExperiment(ExperimentFile.recorded(Path.of(run.summary().experimentFile()), text),
                Provenance.of(run.provenance()).overrides());
    }
}
