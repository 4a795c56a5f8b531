package io.trainyard.plugins.layer;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Views of a layer's slice of the flat parameter buffer, and PyTorch-style initialisation of them. */
final class Slices {

    private Slices() {
    }

    /** Elements {@code [offset, offset + rows cols)} of a {@code [1, n]} buffer as a {@code [rows, cols]} view. */
    static INDArray matrix(INDArray flat, long offset, long rows, long columns) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + rows * columns))
                .reshape(rows, columns);
    }

    /** Fills {@code view} uniformly in {@code [-bound, bound]} from {@code random}, in row-major order. */
    static void fillUniform(INDArray view, Random random, double bound) {
        double[] values = new double[Math.toIntExact(view.length())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
        view.assign(Nd4j.createFromArray(values).castTo(view.dataType()).reshape(view.shape()));
    }
}
