package io.trainyard.api.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class StateArraysTest {

    /** More than one block, and not a multiple of it. */
    private static final int LENGTH = 20_000;

    private static double[] randomValues() {
        SplittableRandom random = new SplittableRandom(3);
        double[] values = new double[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            values[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-30, 30));
        }
        values[7] = Double.NaN;
        values[8] = Double.NEGATIVE_INFINITY;
        values[9] = -0.0;
        return values;
    }

    /** The bytes {@link java.io.DataOutput#writeDouble} writes, one value after another. */
    private static byte[] oneByOne(double[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (double value : values) {
            out.writeDouble(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void anArrayIsWrittenAsDataOutputWritesItsDoubles() throws IOException {
        double[] values = randomValues();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StateArrays.write(new DataOutputStream(bytes), values);
        assertArrayEquals(oneByOne(values), bytes.toByteArray());
    }

    @Test
    void aFloatViewIsWrittenAsDoublesOfItsOwnElements() throws IOException {
        INDArray all = Nd4j.createFromArray(randomValues()).castTo(DataType.FLOAT);
        INDArray view = all.get(NDArrayIndex.interval(100, LENGTH - 50));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StateArrays.write(new DataOutputStream(bytes), view);
        double[] expected = new double[LENGTH - 150];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = all.getFloat(100 + i);
        }
        assertArrayEquals(oneByOne(expected), bytes.toByteArray());
    }

    @Test
    void aDoubleViewIsWrittenFromItsOffset() throws IOException {
        double[] values = randomValues();
        INDArray view = Nd4j.createFromArray(values).get(NDArrayIndex.interval(5, 9005));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StateArrays.write(new DataOutputStream(bytes), view);
        assertArrayEquals(oneByOne(java.util.Arrays.copyOfRange(values, 5, 9005)), bytes.toByteArray());
    }

    @Test
    void readingGivesBackWhatWasWritten() throws IOException {
        double[] values = randomValues();
        double[] read = new double[LENGTH];
        StateArrays.read(new DataInputStream(new ByteArrayInputStream(oneByOne(values))), read);
        assertArrayEquals(values, read);
        StateArrays.read(new DataInputStream(new ByteArrayInputStream(new byte[0])), new double[0]);
    }
}
