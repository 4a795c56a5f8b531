package io.trainyard.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.testing.Experiments;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    @Test
    void hooksFireInTheDocumentedOrder() {
        // 32 training samples in batches of 16: two batches per epoch.
        Recorder recorder = new Recorder();
        RunStatus status = train(recorder, "epochs=2", "dataset.train=32");
        assertEquals(RunStatus.FINISHED, status);
        assertEquals(List.of("runStart",
                "epochStart 1", "batchEnd 1/0", "batchEnd 1/1", "evaluationEnd 1", "epochEnd 1",
                "epochStart 2", "batchEnd 2/0", "batchEnd 2/1", "evaluationEnd 2", "epochEnd 2",
                "runEnd FINISHED"), recorder.events);
    }

    @Test
    void trainingLearnsTheBlobs() {
        List<EpochResult> epochs = new ArrayList<>();
        train(new Callback() {
            @Override
            public void onEpochEnd(RunContext run, EpochResult result) {
                epochs.add(result);
            }
        }, "epochs=5");
        assertEquals(5, epochs.size());
        assertTrue(epochs.get(4).trainLoss() < epochs.get(0).trainLoss(), epochs.toString());
        assertTrue(epochs.get(4).testAccuracy() > 0.9, epochs.toString());
    }

    @Test
    void sameSeedGivesIdenticalMetrics() {
        List<Double> first = testLosses();
        List<Double> second = testLosses();
        assertEquals(first, second);
    }

    @Test
    void theTestMetricsDoNotDependOnTheEvaluationBatchSizeBeyondRounding() {
        // 600 test samples through layers of 128 units on two threads: the evaluation batches meet the training
        // batches' buffers (16, and 8 at the end of an epoch) below and above the sizes where a layer changes how it
        // splits its work, in both orders.
        List<Evaluation> reference = evaluations("eval_batch_size=600");
        for (int size : new int[] {1, 7, 250, 300}) {
            List<Evaluation> evaluations = evaluations("eval_batch_size=" + size);
            for (int epoch = 0; epoch < reference.size(); epoch++) {
                assertEquals(reference.get(epoch).accuracy(), evaluations.get(epoch).accuracy(), "batch " + size);
                assertEquals(reference.get(epoch).loss(), evaluations.get(epoch).loss(),
                        1e-6 * reference.get(epoch).loss(), "batch " + size);
            }
        }
    }

    private static List<Evaluation> evaluations(String evalBatchSize) {
        List<Evaluation> evaluations = new ArrayList<>();
        train(new Callback() {
            @Override
            public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
                evaluations.add(evaluation);
            }
        }, "epochs=2", "dataset.train=200", "dataset.test=600", "model.hidden=[128, 128]", "threads=2",
                evalBatchSize);
        assertEquals(2, evaluations.size());
        return evaluations;
    }

    @Test
    void stopRequestedInABatchEndsTheRunWithoutEvaluatingThePartialEpoch() {
        Recorder recorder = new Recorder() {
            @Override
            public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
                super.onBatchEnd(run, epoch, batch, loss);
                if (epoch == 2 && batch == 0) {
                    run.requestStop("enough");
                }
            }
        };
        assertEquals(RunStatus.FINISHED, train(recorder, "epochs=3", "dataset.train=32"));
        assertEquals(List.of("runStart",
                "epochStart 1", "batchEnd 1/0", "batchEnd 1/1", "evaluationEnd 1", "epochEnd 1",
                "epochStart 2", "batchEnd 2/0",
                "runEnd FINISHED"), recorder.events);
        assertEquals("enough", recorder.stopReason);
    }

    @Test
    void stopRequestedAtEpochEndSkipsTheRemainingEpochs() {
        Recorder recorder = new Recorder() {
            @Override
            public void onEpochEnd(RunContext run, EpochResult result) {
                super.onEpochEnd(run, result);
                run.requestStop("converged");
            }
        };
        train(recorder, "epochs=3", "dataset.train=16");
        assertEquals(List.of("runStart", "epochStart 1", "batchEnd 1/0", "evaluationEnd 1", "epochEnd 1",
                "runEnd FINISHED"), recorder.events);
    }

    @Test
    void anExceptionReachesOnFailureThenOnRunEndAndIsRethrown() {
        Recorder recorder = new Recorder();
        Callback failing = new Callback() {
            @Override
            public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
                if (epoch == 2) {
                    throw new IllegalStateException("boom");
                }
            }
        };
        Experiment experiment = Experiments.blobs("epochs=3", "dataset.train=16");
        TrainingSetup setup = Experiments.assemble(experiment);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new Trainer().train(experiment, setup, run(experiment, setup), List.of(recorder, failing)));
        assertEquals("boom", error.getMessage());
        assertSame(error, recorder.failure);
        assertEquals(List.of("runStart", "epochStart 1", "batchEnd 1/0", "evaluationEnd 1", "epochEnd 1",
                "epochStart 2", "batchEnd 2/0", "failure boom", "runEnd FAILED"), recorder.events);
    }

    @Test
    void interruptedRunEndsKilledAfterTheCurrentBatch() {
        Recorder recorder = new Recorder() {
            @Override
            public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
                super.onBatchEnd(run, epoch, batch, loss);
                if (epoch == 2 && batch == 0) {
                    ((ActiveRun) run).interrupt();
                }
            }
        };
        assertEquals(RunStatus.KILLED, train(recorder, "epochs=3", "dataset.train=32"));
        assertEquals("runEnd KILLED", recorder.events.get(recorder.events.size() - 1));
        assertEquals("batchEnd 2/0", recorder.events.get(recorder.events.size() - 2));
    }

    private List<Double> testLosses() {
        List<Double> losses = new ArrayList<>();
        train(new Callback() {
            @Override
            public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
                losses.add(evaluation.loss());
            }
        }, "epochs=3");
        return losses;
    }

    private static RunStatus train(Callback callback, String... overrides) {
        Experiment experiment = Experiments.blobs(overrides);
        TrainingSetup setup = Experiments.assemble(experiment);
        return new Trainer().train(experiment, setup, run(experiment, setup), List.of(callback));
    }

    private static ActiveRun run(Experiment experiment, TrainingSetup setup) {
        return new ActiveRun("test", experiment, setup, Path.of("unused"),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Logs every hook as a short string. */
    private static class Recorder implements Callback {

        final List<String> events = new ArrayList<>();
        Throwable failure;
        String stopReason;

        @Override
        public void onRunStart(RunContext run) {
            events.add("runStart");
        }

        @Override
        public void onEpochStart(RunContext run, int epoch) {
            events.add("epochStart " + epoch);
        }

        @Override
        public void onBatchEnd(RunContext run, int epoch, int batch, double loss) {
            events.add("batchEnd " + epoch + "/" + batch);
        }

        @Override
        public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
            events.add("evaluationEnd " + epoch);
        }

        @Override
        public void onEpochEnd(RunContext run, EpochResult result) {
            events.add("epochEnd " + result.epoch());
        }

        @Override
        public void onFailure(RunContext run, Throwable error) {
            failure = error;
            events.add("failure " + error.getMessage());
        }

        @Override
        public void onRunEnd(RunContext run, RunStatus status) {
            stopReason = run.stopReason();
            events.add("runEnd " + status);
        }
    }
}
