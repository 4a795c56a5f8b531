package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunStatus;
import java.util.Map;

/** The callback contract; see {@link PluginContract#checkCallback}. */
final class CallbackContract {

    private static final int EPOCHS = 3;
    private static final int BATCHES = 4;

    private CallbackContract() {
    }

    static void check(CallbackFactory factory) {
        PluginContract.checkPlugin(factory);
        String name = factory.name();
        PluginConfig config = PluginConfig.withDefaults(factory, Map.of());

        TestRun finished = new TestRun(EPOCHS, 10, 10 * BATCHES, Map.of());
        assertDoesNotThrow(() -> train(factory.create(config), finished), name + " failed during a normal run");
        if (finished.stopReason() != null) {
            assertFalse(finished.stopReason().isBlank(), name + ": requestStop() needs a reason for the user");
        }

        TestRun failed = new TestRun(EPOCHS, 10, 10 * BATCHES, Map.of());
        assertDoesNotThrow(() -> {
            Callback callback = factory.create(config);
            callback.onRunStart(failed);
            callback.onEpochStart(failed, 1);
            callback.onBatchEnd(failed, 1, 0, 2.3);
            callback.onFailure(failed, new IllegalStateException("simulated failure"));
            callback.onRunEnd(failed, RunStatus.FAILED);
        }, name + " failed while a run was failing: onFailure and onRunEnd must not throw");

        TestRun killed = new TestRun(EPOCHS, 10, 10 * BATCHES, Map.of());
        assertDoesNotThrow(() -> {
            Callback callback = factory.create(config);
            callback.onRunStart(killed);
            callback.onRunEnd(killed, RunStatus.KILLED);
        }, name + " failed on a run killed before its first epoch");
    }

    /** The documented hook order, with a loss that falls and an accuracy that rises, honouring stop requests. */
    private static void train(Callback callback, TestRun run) {
        callback.onRunStart(run);
        for (int epoch = 1; epoch <= EPOCHS && run.stopReason() == null; epoch++) {
            run.startEpoch();
            callback.onEpochStart(run, epoch);
            for (int batch = 0; batch < BATCHES; batch++) {
                callback.onBatchEnd(run, epoch, batch, 2.0 / (epoch * BATCHES + batch));
                if (run.stopReason() != null) {
                    break;
                }
            }
            if (run.stopReason() == null) {
                double loss = 1.0 / epoch;
                double accuracy = 1 - 0.5 / epoch;
                callback.onEvaluationEnd(run, epoch, new Evaluation(loss, accuracy, 100));
                callback.onEpochEnd(run, new EpochResult(epoch, loss, accuracy, loss * 1.1, accuracy * 0.95, 1.0));
            }
        }
        callback.onRunEnd(run, RunStatus.FINISHED);
    }
}
