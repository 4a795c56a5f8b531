package io.trainyard.engine.bench;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.training.ActiveRun;
import io.trainyard.engine.training.ExperimentAssembler;
import io.trainyard.engine.training.PreparedExperiment;
import io.trainyard.engine.training.ThreadSettings;
import io.trainyard.engine.training.Trainer;
import io.trainyard.engine.training.TrainingSetup;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Times an experiment's training loop, nothing recorded: per epoch the seconds of training alone (from the first
 * batch to the last optimizer step), samples per second and achieved GFLOP/s from the model's own FLOP count, then
 * the seconds of the test pass.
 * The first epoch includes warm-up (buffer allocation, JIT), so the best later epoch is the figure to quote. The
 * process's resident memory after each epoch shows whether anything grows per epoch.
 */
public final class Benchmark {

    private final ExperimentAssembler assembler;
    private final PrintStream out;

    @Inject
    public Benchmark(ExperimentAssembler assembler, PrintStream out) {
        this.assembler = assembler;
        this.out = out;
    }

    /** @return the best training seconds per epoch */
    public double run(Path experimentFile, List<String> overrides) {
        PreparedExperiment prepared = assembler.prepare(experimentFile, overrides);
        Experiment experiment = prepared.experiment();
        TrainingSetup setup = prepared.setup().withoutCallbacks();
        int samples = setup.dataset().train().size();
        double gflopPerEpoch = setup.model().trainingFlopsPerSample() * (double) samples / 1e9;
        out.printf(Locale.ROOT, "Benchmark %s: %d epochs, batch %d, %d thread(s), BLAS %s on %d%n",
                experiment.name(), experiment.epochs(), experiment.batchSize(), experiment.threads(),
                ThreadSettings.blasVendor(), ThreadSettings.NATIVE_THREADS);
        out.printf(Locale.ROOT, "One training epoch: %d samples, %.1f GFLOP%n", samples, gflopPerEpoch);
        out.printf("%5s  %9s  %10s  %9s  %8s  %8s  %14s  %7s%n", "EPOCH", "TRAIN S", "SAMPLES/S", "GFLOP/S",
                "EVAL S", "TEST ACC", "NATIVE ALLOC", "RSS MB");
        EpochTimer timer = new EpochTimer(samples, gflopPerEpoch);
        // Nothing is recorded and no experiment callback runs: the run folder is never written.
        ActiveRun run = new ActiveRun("bench", experiment, setup, Path.of(System.getProperty("java.io.tmpdir")),
                out);
        new Trainer().train(experiment, setup, run, List.of(timer));
        out.printf(Locale.ROOT, "Best epoch: %.3f s, %.0f samples/s, %.1f GFLOP/s%n", timer.best,
                samples / timer.best, gflopPerEpoch / timer.best);
        return timer.best;
    }

    /** Measures from epoch start to the last batch's end, so evaluation is not counted. */
    private final class EpochTimer implements Callback {

        private final int samples;
        private final double gflopPerEpoch;
        private long start;
        private long lastBatchEnd;
        private long nativeBytes;
        private long nativeGrowth;
        private double best = Double.POSITIVE_INFINITY;

        EpochTimer(int samples, double gflopPerEpoch) {
            this.samples = samples;
            this.gflopPerEpoch = gflopPerEpoch;
        }

        @Override
        public void onEpochStart(RunContext run, int epoch) {
            nativeBytes = Pointer.totalBytes();
            nativeGrowth = 0;
            start = System.nanoTime();
        }

        @Override
        public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
            lastBatchEnd = System.nanoTime();
            long now = Pointer.totalBytes();
            nativeGrowth += Math.max(0, now - nativeBytes);
            nativeBytes = now;
        }

        @Override
        public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
            double seconds = (lastBatchEnd - start) / 1e9;
            double evalSeconds = (System.nanoTime() - lastBatchEnd) / 1e9;
            best = Math.min(best, seconds);
            // Growth of JavaCPP's native memory summed over batches (frees by the garbage collector can hide some):
            // once the first epoch has met every batch size, the loop should allocate nothing.
            out.printf(Locale.ROOT, "%5d  %9.3f  %10.0f  %9.1f  %8.3f  %7.2f%%  %12d B  %7s%n", epoch, seconds,
                    samples / seconds, gflopPerEpoch / seconds, evalSeconds, 100 * evaluation.accuracy(),
                    nativeGrowth, ResidentMemory.megabytes());
        }
    }
}
