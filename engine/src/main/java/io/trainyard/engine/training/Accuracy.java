package io.trainyard.engine.training;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Counts correct classifications in a batch by reading the outputs directly: no ND4J op, no allocation. */
final class Accuracy {

    private Accuracy() {
    }

    /** Rows of {@code outputs} ({@code [batch, classes]}, contiguous) whose largest value is at the target index. */
    static int correct(INDArray outputs, INDArray targets) {
        int batch = (int) outputs.size(0);
        int classes = (int) outputs.size(1);
        DataBuffer values = outputs.data();
        DataBuffer labels = targets.data();
        // data() starts at the array's first element, a view's too (offset() counts from the array it views).
        int correct = 0;
        for (int i = 0; i < batch; i++) {
            long row = (long) i * classes;
            int best = 0;
            double bestValue = values.getDouble(row);
            for (int j = 1; j < classes; j++) {
                double value = values.getDouble(row + j);
                if (value > bestValue) {
                    bestValue = value;
                    best = j;
                }
            }
            if (best == (int) labels.getDouble(i)) {
                correct++;
            }
        }
        return correct;
    }
}
