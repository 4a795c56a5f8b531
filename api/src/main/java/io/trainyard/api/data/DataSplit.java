package io.trainyard.api.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One part of a dataset (train or test): a fixed number of samples addressable by index. */
public interface DataSplit {

    int size();

    /**
     * Copies the samples {@code order[from] ... order[from + count - 1]} into {@code features}
     * ({@code [count, sampleShape...]}) and {@code targets} ({@code [count]} class indices, or {@code [count, ...]}
     * for regression). Both arrays are contiguous and reused across batches; the copy must not allocate ND4J arrays.
     */
    void fill(int[] order, int from, int count, INDArray features, INDArray targets);
}
