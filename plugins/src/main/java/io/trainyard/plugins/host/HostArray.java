package io.trainyard.plugins.host;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between a contiguous ND4J array and a Java {@code double[]}, for layers and losses whose arithmetic is a
 * short Java loop rather than a chain of small ND4J ops (each of which costs 10 to 20 µs to dispatch). Single-precision
 * arrays go through a reused staging array, so a copy allocates nothing. A loop over plain arrays also compiles
 * quickly: the same loop reading element by element through ND4J's {@code DataBuffer} inlines its switch over every
 * data type at each access, and the cross-entropy loss written that way cost the JIT compiler 0.15-0.18 s of a core
 * during a run's first epoch.
 */
public final class HostArray {

    private final INDArray array;
    private final int offset;
    private final int length;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final float[] staging;

    private HostArray(INDArray array) {
        if (!rowMajor(array)) {
            throw new IllegalArgumentException("expected a contiguous row-major array, got strides "
                    + java.util.Arrays.toString(array.stride()));
        }
        this.array = array;
        this.offset = Math.toIntExact(array.offset());
        this.length = Math.toIntExact(array.length());
        boolean single = array.dataType() == DataType.FLOAT;
        if (!single && array.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + array.dataType());
        }
        this.floats = single ? array.data().asNioFloat() : null;
        this.doubles = single ? null : array.data().asNioDouble();
        this.staging = single ? new float[length] : null;
    }

    /** Whether the elements lie one after another in row-major order (a dimension of size 1 may have any stride). */
    public static boolean rowMajor(INDArray array) {
        long expected = 1;
        for (int d = array.rank() - 1; d >= 0; d--) {
            if (array.size(d) != 1 && array.stride(d) != expected) {
                return false;
            }
            expected *= array.size(d);
        }
        return true;
    }

    public static HostArray of(INDArray array) {
        return new HostArray(array);
    }

    public int length() {
        return length;
    }

    public void read(double[] target) {
        if (floats != null) {
            floats.get(offset, staging, 0, length);
            for (int i = 0; i < length; i++) {
                target[i] = staging[i];
            }
        } else {
            doubles.get(offset, target, 0, length);
        }
    }

    public void write(double[] source) {
        if (floats != null) {
            for (int i = 0; i < length; i++) {
                staging[i] = (float) source[i];
            }
            floats.put(offset, staging, 0, length);
        } else {
            doubles.put(offset, source, 0, length);
        }
    }
}
