package io.trainyard.api.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arrays in saved state ({@code saveState}/{@code loadState}) in bulk: big-endian doubles one after another, the bytes
 * {@link DataOutput#writeDouble} would write one value at a time, copied in blocks rather than through a call per
 * value. A checkpoint is taken on the training thread at every epoch's end, before the JIT compiler has seen a
 * value-by-value loop often enough to compile it well.
 */
public final class StateArrays {

    /** Values per block: the scratch buffer's size is bounded whatever the array's. */
    private static final int BLOCK = 8192;

    private StateArrays() {
    }

    /** Writes every value of {@code values}. */
    public static void write(DataOutput out, double[] values) throws IOException {
        write(out, values.length, (block, from, count) -> System.arraycopy(values, from, block, 0, count));
    }

    /** Writes every value of {@code values} (a vector of any floating type) as doubles. */
    public static void write(DataOutput out, INDArray values) throws IOException {
        INDArray vector = values.elementWiseStride() == 1 ? values : values.dup('c');
        if (vector.dataType() == DataType.FLOAT) {
            int offset = (int) vector.offset();
            // Widened block by block rather than through castTo: a checkpoint of the reference model then takes no
            // native copy of its 5 MB of doubles at every epoch's end, on the training thread.
            FloatBuffer floats = vector.data().asNioFloat();
            float[] floatBlock = new float[Math.min(BLOCK, (int) vector.length())];
            write(out, (int) vector.length(), (block, from, count) -> {
                floats.get(offset + from, floatBlock, 0, count);
                for (int i = 0; i < count; i++) {
                    block[i] = floatBlock[i];
                }
            });
            return;
        }
        INDArray doubles = vector.castTo(DataType.DOUBLE); // the array itself when it holds doubles already
        DoubleBuffer buffer = doubles.data().asNioDouble();
        int offset = (int) doubles.offset();
        write(out, (int) doubles.length(), (block, from, count) -> buffer.get(offset + from, block, 0, count));
    }

    /** Copies {@code count} values, from the {@code from}-th on, into {@code block}. */
    private interface Source {
        void copy(double[] block, int from, int count);
    }

    /** {@code length} values from {@code source}, a block at a time, as big-endian doubles. */
    private static void write(DataOutput out, int length, Source source) throws IOException {
        double[] values = new double[Math.min(BLOCK, length)];
        ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * values.length);
        DoubleBuffer view = bytes.asDoubleBuffer();
        for (int from = 0; from < length; from += BLOCK) {
            int count = Math.min(BLOCK, length - from);
            source.copy(values, from, count);
            view.clear();
            view.put(values, 0, count);
            out.write(bytes.array(), 0, count * Double.BYTES);
        }
    }

    /** Reads {@code values.length} values into {@code values}. */
    public static void read(DataInput in, double[] values) throws IOException {
        byte[] block = new byte[Double.BYTES * Math.min(BLOCK, values.length)];
        for (int from = 0; from < values.length; from += BLOCK) {
            int count = Math.min(BLOCK, values.length - from);
            in.readFully(block, 0, count * Double.BYTES);
            ByteBuffer.wrap(block, 0, count * Double.BYTES).asDoubleBuffer().get(values, from, count);
        }
    }
}
