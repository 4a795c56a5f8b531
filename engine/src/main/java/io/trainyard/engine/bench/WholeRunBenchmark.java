package io.trainyard.engine.bench;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import io.trainyard.engine.EngineOptions;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.report.Table;
import io.trainyard.engine.report.TableWriter;
import io.trainyard.engine.run.ExperimentRunner;
import io.trainyard.engine.run.RunResult;
import io.trainyard.engine.timing.Timeline;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Lineage;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times a whole recorded run as {@code trainyard run} makes it, phase by phase: start-up, store, data, model,
 * provenance, each epoch's training, evaluation and records, the run's end and the store's close. The JVM's own
 * exit, after the last line is printed, is the one part it cannot see.
 */
public final class WholeRunBenchmark {

    private final ExperimentRunner runner;
    private final Database database;
    private final Timeline timeline;
    private final PrintStream out;
    private final Map<String, String> environment;

    @Inject
    public WholeRunBenchmark(ExperimentRunner runner, Database database, Timeline timeline, EngineOptions options) {
        this.runner = runner;
        this.database = database;
        this.timeline = timeline;
        this.out = options.console();
        this.environment = options.environment();
    }

    /**
     * Runs and records the experiment, then writes where its wall time went. The command started the timeline before
     * this was built: building it began the store's opening, which goes on beside the run's set-up.
     */
    public RunResult run(Path experimentFile, List<String> overrides, OutputFormat format) {
        timeline.lap("command set-up (the store opens meanwhile)");
        RunResult result = runner.run(ExperimentFile.read(experimentFile), overrides, Lineage.NONE, null,
                List.of(new EpochPhases()));
        timeline.lap("last records and checkpoint, run end");
        database.close();
        timeline.lap("store close");
        List<Timeline.Phase> phases = new ArrayList<>(StartUp.phases(timeline.started(), environment));
        phases.addAll(timeline.phases());
        TableWriter.write(table(phases), format, out);
        return result;
    }

    private static Table table(List<Timeline.Phase> phases) {
        long total = phases.stream().mapToLong(Timeline.Phase::nanos).sum();
        long training = phases.stream().filter(phase -> phase.name().contains(EpochPhases.TRAINING))
                .mapToLong(Timeline.Phase::nanos).sum();
        List<List<Object>> rows = new ArrayList<>();
        phases.forEach(phase -> rows.add(row(phase.name(), phase.nanos(), total)));
        rows.add(row("outside training", total - training, total));
        rows.add(row("total", total, total));
        return new Table(List.of("phase", "seconds", "share"), rows);
    }

    private static List<Object> row(String name, long nanos, long total) {
        return List.of(name, Math.round(nanos / 1e6) / 1e3, Math.round(1000.0 * nanos / total) / 1000.0);
    }

    /**
     * Names each epoch's training (to its last batch), its evaluation, and what the hooks did between epochs; the
     * run's first batch apart, as it pays for the native kernels' first use.
     */
    private final class EpochPhases implements Callback {

        static final String TRAINING = ": training";

        private long lastBatchEnd;
        private boolean started;

        @Override
        public void onEpochStart(RunContext run, int epoch) {
            timeline.lap(started ? "epoch " + (epoch - 1) + ": records and checkpoint" : "run start");
            started = true;
        }

        @Override
        public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
            lastBatchEnd = System.nanoTime();
            if (epoch == 1 && batch == 0) {
                timeline.lapAt("epoch 1" + TRAINING + ", first batch", lastBatchEnd);
            }
        }

        @Override
        public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
            timeline.lapAt("epoch " + epoch + TRAINING + (epoch == 1 ? ", other batches" : ""), lastBatchEnd);
            timeline.lap("epoch " + epoch + ": evaluation");
        }
    }
}
