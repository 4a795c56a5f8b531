package io.trainyard.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UnsignedByteSplitTest {

    // Three samples of two bytes each; the last is 255 and 128, beyond a signed byte's range.
    private final UnsignedByteSplit split = new UnsignedByteSplit(new byte[] {0, 51, 102, 1, (byte) 255,
        (byte) 128}, 2, 255f, new float[] {0, 1, 2}, 1);

    @Test
    void fillScalesTheSamplesInTheGivenOrder() {
        INDArray features = Nd4j.zeros(DataType.FLOAT, 2, 2);
        INDArray targets = Nd4j.zeros(DataType.FLOAT, 2);
        split.fill(new int[] {1, 2, 0}, 1, 2, features, targets);
        assertArrayEquals(new float[] {1f, 128 / 255f, 0f, 0.2f}, features.data().asFloat());
        assertArrayEquals(new float[] {2, 0}, targets.data().asFloat());
    }

    @Test
    void everyByteGivesExactlyTheFloatOfItsDivision() {
        byte[] all = new byte[256];
        float[] targets = new float[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
            targets[i] = i;
        }
        int[] order = new int[256];
        for (int i = 0; i < 256; i++) {
            order[i] = 255 - i;
        }
        INDArray features = Nd4j.zeros(DataType.FLOAT, 256, 1);
        new UnsignedByteSplit(all, 1, 255f, targets, 1).fill(order, 0, 256, features, Nd4j.zeros(DataType.FLOAT,
                256));
        for (int i = 0; i < 256; i++) {
            assertEquals(Float.floatToIntBits((255 - i) / 255f), Float.floatToIntBits(features.getFloat(i)),
                    "byte " + (255 - i));
        }
    }

    @Test
    void fillConvertsIntoDoubleArraysThroughTheSameFloats() {
        INDArray features = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        INDArray targets = Nd4j.zeros(DataType.DOUBLE, 1);
        split.fill(new int[] {1}, 0, 1, features, targets);
        assertArrayEquals(new double[] {102 / 255f, 1 / 255f}, features.data().asDouble());
        assertArrayEquals(new double[] {1}, targets.data().asDouble());
    }

    @Test
    void bytesInABufferAreReadFromItsPositionAndLeftWhereTheyAre() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(7);
        buffer.put(new byte[] {9, 0, 51, 102, 1, (byte) 255, (byte) 128}).position(1);
        UnsignedByteSplit fromBuffer = new UnsignedByteSplit(buffer.asReadOnlyBuffer(), 2, 255f,
                new float[] {0, 1, 2}, 1);
        INDArray features = Nd4j.zeros(DataType.FLOAT, 2, 2);
        INDArray targets = Nd4j.zeros(DataType.FLOAT, 2);
        fromBuffer.fill(new int[] {1, 2, 0}, 1, 2, features, targets);
        assertEquals(3, fromBuffer.size());
        assertArrayEquals(new float[] {1f, 128 / 255f, 0f, 0.2f}, features.data().asFloat());
        assertEquals(1, buffer.position());
    }

    @Test
    void fillRejectsABatchArrayOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class,
                () -> split.fill(new int[] {0, 1}, 0, 2, Nd4j.zeros(DataType.FLOAT, 3, 2), Nd4j.zeros(2)));
    }

    @Test
    void featuresTargetsAndDivisorMustFit() {
        assertThrows(IllegalArgumentException.class, () -> new UnsignedByteSplit(new byte[4], 2, 255f, new float[3],
                1));
        assertThrows(IllegalArgumentException.class, () -> new UnsignedByteSplit(new byte[4], 2, 0f, new float[2],
                1));
        assertThrows(IllegalArgumentException.class, () -> new UnsignedByteSplit(new byte[4], 2, Float.NaN,
                new float[2], 1));
    }
}
