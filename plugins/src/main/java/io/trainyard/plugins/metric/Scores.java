package io.trainyard.plugins.metric;

import io.trainyard.api.TrainyardException;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A test batch's scores and class targets read in place: outputs {@code [batch, classes]} and targets
 * {@code [batch]} holding class indices as floats, read through their buffers (no ND4J op, nothing allocated but
 * this view, which escape analysis keeps off the heap). An array's {@code data()} starts at its first element, a
 * view's too (its {@code offset()} counts from the array it views).
 */
record Scores(DataBuffer values, int rows, int columns, DataBuffer labels) {

    Scores(INDArray outputs, INDArray targets) {
        this(outputs.data(), rows(outputs), (int) outputs.size(1), targets.data());
    }

    private static int rows(INDArray outputs) {
        if (outputs.rank() != 2 || !outputs.isMatrix() || outputs.ordering() != 'c') {
            throw new TrainyardException("a classification metric needs the model's outputs as [batch, classes],"
                    + " got shape " + java.util.Arrays.toString(outputs.shape()));
        }
        return (int) outputs.size(0);
    }

    double value(int row, int column) {
        return values.getDouble((long) row * columns + column);
    }

    /** The sample's target class. */
    int target(int row) {
        int target = (int) labels.getDouble(row);
        if (target < 0 || target >= columns) {
            throw new TrainyardException("target class " + target + " of a test sample is outside the model's "
                    + columns + " outputs");
        }
        return target;
    }

    /** The highest-scoring class (the first of equal highest scores, as argmax picks it). */
    int predicted(int row) {
        int best = 0;
        double bestValue = value(row, 0);
        for (int column = 1; column < columns; column++) {
            double value = value(row, column);
            if (value > bestValue) {
                bestValue = value;
                best = column;
            }
        }
        return best;
    }
}
