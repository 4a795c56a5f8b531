package io.trainyard.engine.run;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.config.Overrides;
import io.trainyard.engine.config.Setting;
import io.trainyard.engine.provenance.Provenance;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An experiment as a run recorded it: the file's text as it was read (later edits do not matter), the command
 * line's overrides and, as further overrides, the recorded values of the settings those leave to a draw or to a
 * default changed since ({@link #pinned}), which together resolve to the run's settings again.
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
        ExperimentFile file = ExperimentFile.recorded(Path.of(run.summary().experimentFile()), text);
        List<String> overrides = new ArrayList<>(Provenance.of(run.provenance()).overrides());
        overrides.addAll(pinned(file, overrides, run.params()));
        return new RecordedExperiment(file, List.copyOf(overrides));
    }

    /**
     * {@code key=value} for each setting that changes results and would not resolve to its recorded value: left unset
     * by the text and overrides, where resolving draws a new seed, or takes a default that has changed since the run.
     */
    static List<String> pinned(ExperimentFile file, List<String> overrides, Map<String, Object> params) {
        Map<String, Object> tree = Overrides.apply(file.tree(), overrides);
        List<String> pins = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            Object recorded = params.get(setting.key());
            if (setting.changesResults() && recorded != null && !tree.containsKey(setting.key())
                    && !setting.unsetResolvesTo(recorded)) {
                pins.add(setting.key() + "=" + recorded);
            }
        }
        return pins;
    }
}
