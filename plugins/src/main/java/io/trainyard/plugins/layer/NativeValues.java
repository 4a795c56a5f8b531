package io.trainyard.plugins.layer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The values of a contiguous row-major ND4J array read and written in place, by element index, in the array's own
 * type: for data-movement kernels (unfolding, block copies) that are a few Java loops over memory, where libnd4j's
 * general index arithmetic costs several times more. Built once per buffer; access allocates nothing.
 */
abstract class NativeValues {

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 16);

    final ByteBuffer bytes;
    private final int offset;
    private final int width;
    private final int length;

    private NativeValues(INDArray array) {
        if (array.ordering() != 'c' || array.elementWiseStride() != 1) {
            throw new IllegalArgumentException("expected a contiguous row-major array, got strides "
                    + java.util.Arrays.toString(array.stride()));
        }
        this.bytes = array.data().asNio().order(ByteOrder.nativeOrder());
        this.width = array.dataType().width();
        this.offset = Math.toIntExact(array.offset());
        this.length = Math.toIntExact(array.length());
    }

    static NativeValues of(INDArray array) {
        if (array.dataType() == DataType.FLOAT) {
            return new Floats(array);
        }
        if (array.dataType() == DataType.DOUBLE) {
            return new Doubles(array);
        }
        throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + array.dataType());
    }

    final int length() {
        return length;
    }

    /** The byte position of element {@code index}. */
    final int at(int index) {
        return (offset + index) * width;
    }

    /** {@code this[to + k] = from[fromIndex + k]} for {@code k < count}, as one memory copy. */
    final void copy(NativeValues from, int fromIndex, int to, int count) {
        bytes.put(at(to), from.bytes, from.at(fromIndex), count * width);
    }

    /** {@code this[index + k] = 0} for {@code k < count}: zero bits are 0 in either type, copied in bulk. */
    final void zero(int index, int count) {
        for (int from = at(index), end = at(index + count); from < end; from += ZEROS.capacity()) {
            bytes.put(from, ZEROS, 0, Math.min(ZEROS.capacity(), end - from));
        }
    }

    /** {@code this[to + k] += from[fromIndex + k]} for {@code k < count}. */
    abstract void add(NativeValues from, int fromIndex, int to, int count);

    private static final class Floats extends NativeValues {

        Floats(INDArray array) {
            super(array);
        }

        @Override
        void add(NativeValues from, int fromIndex, int to, int count) {
            int source = from.at(fromIndex);
            for (int k = at(to), end = at(to + count); k < end; k += Float.BYTES, source += Float.BYTES) {
                bytes.putFloat(k, bytes.getFloat(k) + from.bytes.getFloat(source));
            }
        }
    }

    private static final class Doubles extends NativeValues {

        Doubles(INDArray array) {
            super(array);
        }

        @Override
        void add(NativeValues from, int fromIndex, int to, int count) {
            int source = from.at(fromIndex);
            for (int k = at(to), end = at(to + count); k < end; k += Double.BYTES, source += Double.BYTES) {
                bytes.putDouble(k, bytes.getDouble(k) + from.bytes.getDouble(source));
            }
        }
    }
}
