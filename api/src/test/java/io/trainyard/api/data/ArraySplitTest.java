package io.trainyard.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ArraySplitTest {

    // Three samples of two values each: sample i is (10i, 10i + 1), target i.
    private final ArraySplit split = new ArraySplit(new float[] {0, 1, 10, 11, 20, 21}, 2, new float[] {0, 1, 2}, 1);

    @Test
    void fillCopiesTheSamplesInTheGivenOrder() {
        INDArray features = Nd4j.zeros(DataType.FLOAT, 2, 2);
        INDArray targets = Nd4j.zeros(DataType.FLOAT, 2);
        split.fill(new int[] {1, 2, 0}, 1, 2, features, targets);
        assertArrayEquals(new float[] {20, 21, 0, 1}, features.data().asFloat());
        assertArrayEquals(new float[] {2, 0}, targets.data().asFloat());
    }

    @Test
    void fillConvertsIntoDoubleArrays() {
        INDArray features = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        INDArray targets = Nd4j.zeros(DataType.DOUBLE, 1);
        split.fill(new int[] {2}, 0, 1, features, targets);
        assertArrayEquals(new double[] {20, 21}, features.data().asDouble());
        assertArrayEquals(new double[] {2}, targets.data().asDouble());
    }

    @Test
    void fillRejectsABatchArrayOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class,
                () -> split.fill(new int[] {0, 1}, 0, 2, Nd4j.zeros(DataType.FLOAT, 3, 2), Nd4j.zeros(2)));
    }

    @Test
    void featuresAndTargetsMustDescribeTheSameSamples() {
        assertThrows(IllegalArgumentException.class, () -> new ArraySplit(new float[4], 2, new float[3], 1));
    }
}
