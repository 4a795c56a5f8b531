package io.trainyard.plugins.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void printsInTheShapeOfThePyTorchTutorial() {
        ConsoleProgress progress = new ConsoleProgress(100);
        RunContext run = new FixedRun(console);
        progress.onEpochStart(run, 1);
        for (int batch = 0; batch < 201; batch++) {
            progress.onBatchEnd(run, 1, batch, batch == 100 ? 0.512345 : 2.302585);
        }
        progress.onEvaluationEnd(run, 1, new Evaluation(0.495123, 0.821, 10000));
        assertEquals("""
                Epoch 1/5
                -------------------------------
                loss: 2.302585  [    0/60000]
                loss: 0.512345  [ 6400/60000]
                loss: 2.302585  [12800/60000]
                Test Error: Accuracy: 82.1%, Avg loss: 0.495123

                """, bytes.toString(StandardCharsets.UTF_8));
    }

    private record FixedRun(PrintStream console) implements RunContext {
        @Override public String runId() { return "r"; }
        @Override public String experimentName() { return "e"; }
        @Override public Map<String, Object> params() { return Map.of(); }
        @Override public int epochs() { return 5; }
        @Override public int batchSize() { return 64; }
        @Override public int trainSamples() { return 60000; }
        @Override public int batchesPerEpoch() { return 938; }
        @Override public void requestStop(String reason) { }
        @Override public String stopReason() { return null; }
    }
}
