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
        write(out, DoubleBuffer.wrap(values));
    }

    /** Writes every value of {@code values} (a vector of any floating type) as doubles. */
    public static void write(DataOutput out, INDArray values) throws IOException {
        if (values.elementWiseStride() != 1) {
            values = values.dup('c');
        }
        if (values.dataType() == DataType.FLOAT) {
            // Widened block by block rather than through castTo: a checkpoint of the reference model then takes no
            // native copy of its 5 MB of doubles at every epoch's end, on the training thread.
            FloatBuffer floats = values.data().asNioFloat();
            floats.position((int) values.offset()).limit((int) (values.offset() + values.length()));
            write(out, floats.slice());
            return;
        }
        INDArray doubles = values.castTo(DataType.DOUBLE); // the array itself when it holds doubles already
        DoubleBuffer buffer = doubles.data().asNioDouble();
        buffer.position((int) doubles.offset()).limit((int) (doubles.offset() + doubles.length()));
        write(out, buffer.slice());
    }

    private static void write(DataOutput out, DoubleBuffer values) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(Double.BYTES * Math.min(BLOCK, values.remaining()));
        while (values.hasRemaining()) {
            int count = Math.min(BLOCK, values.remaining());
            block.clear();
            block.asDoubleBuffer().put(values.slice().limit(count));
            values.position(values.position() + count);
            out.write(block.array(), 0, count * Double.BYTES);
        }
    }

    private static void write(DataOutput out, FloatBuffer values) throws IOException {
        int size = Math.min(BLOCK, values.remaining());
        float[] floats = new float[size];
        double[] doubles = new double[size];
        ByteBuffer block = ByteBuffer.allocate(Double.BYTES * size);
        while (values.hasRemaining()) {
            int count = Math.min(BLOCK, values.remaining());
            values.get(floats, 0, count);
            for (int i = 0; i < count; i++) {
                doubles[i] = floats[i];
            }
            block.clear();
            block.asDoubleBuffer().put(doubles, 0, count);
            out.write(block.array(), 0, count * Double.BYTES);
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
