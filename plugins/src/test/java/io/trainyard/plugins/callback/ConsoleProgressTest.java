package io.trainyard.plugins.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.api.callback.Evaluation;
import io.trainyard.testkit.TestRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void printsInTheShapeOfThePyTorchTutorialWithThePaceAndTheTimeLeft() {
        long[] now = {5_000_000_000L};
        ConsoleProgress progress = new ConsoleProgress(100, () -> now[0]);
        TestRun run = new TestRun(5, 64, 60000, Map.of());
        progress.onEpochStart(run, 1);
        for (int batch = 0; batch < 201; batch++) {
            // A batch takes 10 ms: 6,400 samples a second; at 6,400 samples 53,600 are left, 8.4 s.
            now[0] += 10_000_000L;
            progress.onBatchEnd(run, 1, batch, batch == 100 ? 0.512345 : 2.302585);
        }
        progress.onEvaluationEnd(run, 1, new Evaluation(0.495123, 0.821, 10000));
        assertEquals("""
                Epoch 1/5
                -------------------------------
                loss: 2.302585  [    0/60000]
                loss: 0.512345  [ 6400/60000]  6,337 samples/s, epoch ETA 0:08
                loss: 2.302585  [12800/60000]  6,368 samples/s, epoch ETA 0:07
                Test Error: Accuracy: 82.1%, Avg loss: 0.495123

                """, run.consoleText());
    }
}
