package io.trainyard.plugins.layer;

import io.trainyard.plugins.host.HostArray;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
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

    /**
     * Fills {@code view} uniformly in {@code [-bound, bound]} from {@code random}, in row-major order: each value
     * drawn in double precision and rounded to the view's type.
     */
    static void fillUniform(INDArray view, Random random, double bound) {
        int length = Math.toIntExact(view.length());
        if (view.dataType() == DataType.FLOAT) {
            // Java's rounding to float is ND4J's cast's; this spares an array of doubles and a native cast (a third
            // of the reference model's construction).
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = (float) uniform(random, bound);
            }
            if (HostArray.rowMajor(view)) {
                // Straight into the parameters' buffer: a temporary array filled element by element, then assigned,
                // took 20-25 ms of the reference model's construction, which the first batch waits for.
                view.data().asNioFloat().put(Math.toIntExact(view.offset()), values);
            } else {
                view.assign(Nd4j.createFromArray(values).reshape(view.shape()));
            }
            return;
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = uniform(random, bound);
        }
        view.assign(Nd4j.createFromArray(values).castTo(view.dataType()).reshape(view.shape()));
    }

    private static double uniform(Random random, double bound) {
        return (2 * random.nextDouble() - 1) * bound;
    }
}
