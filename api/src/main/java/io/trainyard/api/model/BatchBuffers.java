package io.trainyard.api.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arrays reused across batches, one per distinct shape (in practice one per batch size). A training run meets two or
 * three batch sizes (the full batch, the last partial batch, the evaluation batch), so after the first epoch a lookup
 * never allocates.
 */
public final class BatchBuffers {

    private final List<INDArray> buffers = new ArrayList<>(4);
    private final double initialValue;

    /** Buffers that start out zero-filled. */
    public BatchBuffers() {
        this(0.0);
    }

    /** Buffers that start out filled with {@code initialValue}, e.g. a ones column for sums by GEMM. */
    public BatchBuffers(double initialValue) {
        this.initialValue = initialValue;
    }

    /**
     * An array of shape {@code [batch, sampleShape...]} and the given type, filled with the initial value when first
     * created and holding whatever was last written to it afterwards.
     */
    public INDArray get(DataType type, long batch, long... sampleShape) {
        for (int i = 0; i < buffers.size(); i++) {
            INDArray candidate = buffers.get(i);
            if (candidate.dataType() == type && hasShape(candidate, batch, sampleShape)) {
                return candidate;
            }
        }
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = batch;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        INDArray created = Nd4j.zeros(type, shape);
        if (initialValue != 0.0) {
            created.assign(initialValue);
        }
        buffers.add(created);
        return created;
    }

    /** Whether {@code array} is {@code [batch, sampleShape...]}, read without copying its shape. */
    private static boolean hasShape(INDArray array, long batch, long[] sampleShape) {
        if (array.rank() != sampleShape.length + 1 || array.size(0) != batch) {
            return false;
        }
        for (int i = 0; i < sampleShape.length; i++) {
            if (array.size(i + 1) != sampleShape[i]) {
                return false;
            }
        }
        return true;
    }

    /** An array of the same shape and type as {@code template}, e.g. the output of an element-wise layer. */
    public INDArray like(INDArray template) {
        long[] shape = template.shape();
        return get(template.dataType(), shape[0], java.util.Arrays.copyOfRange(shape, 1, shape.length));
    }
}
