package io.trainyard.plugins.layer;

import io.trainyard.plugins.host.HostArray;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies a matrix row by row between two arrays whose rows lie apart differently, such as some of a wider matrix's
 * columns and a dense array of their own, bound once to both. A matrix product whose operand or result is such a view
 * leaves oneDNN for OpenBLAS, which took 261 us against oneDNN's 148 for a half of the reference MLP's first weight
 * gradient (256x64 by 64x784), or is reordered by libnd4j to and from a dense copy at every call, about 40 us per
 * half-layer of the forward pass; a row copy of a 64x256 half takes a few microseconds (libnd4j's {@code assign} of
 * the same view: 32 us). Allocates nothing per copy.
 */
final class RowCopy {

    private final int rows;
    private final int columns;
    private final int fromOffset;
    private final int fromRowStride;
    private final int toOffset;
    private final int toRowStride;
    private final FloatBuffer fromFloats;
    private final FloatBuffer toFloats;
    private final DoubleBuffer fromDoubles;
    private final DoubleBuffer toDoubles;

    private RowCopy(INDArray from, INDArray to) {
        if (from.rank() != 2 || !Arrays.equals(from.shape(), to.shape()) || from.dataType() != to.dataType()
                || !unitColumnStride(from) || !unitColumnStride(to)) {
            throw new IllegalArgumentException("expected two matrices of one shape and type with adjacent columns, got "
                    + from.shapeInfoToString() + " and " + to.shapeInfoToString());
        }
        rows = Math.toIntExact(from.rows());
        columns = Math.toIntExact(from.columns());
        fromOffset = Math.toIntExact(from.offset());
        fromRowStride = Math.toIntExact(from.stride(0));
        toOffset = Math.toIntExact(to.offset());
        toRowStride = Math.toIntExact(to.stride(0));
        boolean single = from.dataType() == DataType.FLOAT;
        if (!single && from.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + from.dataType());
        }
        fromFloats = single ? from.data().asNioFloat() : null;
        toFloats = single ? to.data().asNioFloat() : null;
        fromDoubles = single ? null : from.data().asNioDouble();
        toDoubles = single ? null : to.data().asNioDouble();
    }

    /** A copy of {@code from}'s elements into {@code to}, each a {@code [rows, columns]} matrix. */
    static RowCopy of(INDArray from, INDArray to) {
        return new RowCopy(from, to);
    }

    /** Whether a matrix's elements lie one after another in row-major order, as oneDNN takes them without a copy. */
    static boolean dense(INDArray matrix) {
        return matrix.rank() == 2 && HostArray.rowMajor(matrix);
    }

    private static boolean unitColumnStride(INDArray matrix) {
        return matrix.rank() == 2 && (matrix.columns() == 1 || matrix.stride(1) == 1);
    }

    void run() {
        for (int row = 0; row < rows; row++) {
            int from = fromOffset + row * fromRowStride;
            int to = toOffset + row * toRowStride;
            if (toFloats != null) {
                toFloats.put(to, fromFloats, from, columns);
            } else {
                toDoubles.put(to, fromDoubles, from, columns);
            }
        }
    }
}
