package com.example.trainyard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.testkit.PluginContract;
import io.trainyard.testkit.TestRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopAtAccuracyTest {

    private final StopAtAccuracyFactory factory = new StopAtAccuracyFactory();

    @Test
    void requestsAStopAtTheFirstEpochThatReachesTheTarget() {
        Callback callback = factory.create(PluginConfig.withDefaults(factory, Map.of("target", 0.85)));
        TestRun run = new TestRun(5, 64, 60_000, Map.of());
        callback.onEpochEnd(run, new EpochResult(1, 0.6, 0.78, 0.55, 0.8, 2.0));
        assertNull(run.stopReason());
        callback.onEpochEnd(run, new EpochResult(2, 0.4, 0.86, 0.42, 0.85, 2.0));
        assertEquals("test accuracy reached 0.85", run.stopReason());
        assertEquals("stop-at-accuracy: 0.8500 >= 0.8500 after epoch 2\n", run.consoleText());
    }

    @Test
    void passesTheCallbackContract() {
        PluginContract.checkCallback(factory);
    }
}
