package io.trainyard.api.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All trainable parameters of a model in one flat {@code [1, n]} buffer, with their gradients in a second buffer of
 * the same layout. Layers work on views into these; optimizers update the whole buffer with a handful of large
 * in-place operations instead of one small operation per tensor.
 */
public final class Parameters {

    private final INDArray values;
    private final INDArray gradients;
    private final long count;

    public Parameters(DataType type, long count) {
        // A zero-length ND4J array cannot be viewed; a parameter-free model keeps a single unused scalar.
        long size = Math.max(count, 1);
        this.values = Nd4j.zeros(type, 1, size);
        this.gradients = Nd4j.zeros(type, 1, size);
        this.count = count;
    }

    /** The flat values, {@code [1, count]}. */
    public INDArray values() {
        return values;
    }

    /** The flat gradients, {@code [1, count]}, same layout as {@link #values()}. */
    public INDArray gradients() {
        return gradients;
    }

    /** Number of trainable scalars. */
    public long count() {
        return count;
    }

    public DataType dataType() {
        return values.dataType();
    }

    /** Sets every gradient to zero with one memset (an ND4J scalar op would allocate its scalar each call). */
    public void zeroGradients() {
        Nd4j.getMemoryManager().memset(gradients);
    }

    /** A {@code [1, length]} view of the values starting at {@code offset}. */
    public INDArray valuesView(long offset, long length) {
        return values.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length)).reshape(1, length);
    }

    /** A {@code [1, length]} view of the gradients starting at {@code offset}. */
    public INDArray gradientsView(long offset, long length) {
        return gradients.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length)).reshape(1, length);
    }
}
