package io.trainyard.api.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable function from a batch of samples to a batch of predictions. Most models are a {@link Sequential} of
 * {@link Layer layers}; implement this interface directly only for a model that is not a chain.
 */
public interface Model {

    /** Predictions for a batch; the returned array is reused by the next call. */
    INDArray forward(INDArray input, boolean training);

    /** Back-propagates the loss gradient of the last forward, adding into {@link Parameters#gradients()}. */
    void backward(INDArray gradOutput);

    /** The trainable parameters, in flat buffers. */
    Parameters parameters();

    /** Non-trainable values evaluation depends on, as live arrays (see {@link Layer#state()}); saved by checkpoints. */
    default List<double[]> state() {
        return List.of();
    }

    /** Gives the run's thread budget, once, before the first batch (see {@link Layer#useThreads}). */
    default void useThreads(int threads) {
    }

    /** A multi-line, human-readable description of the architecture. */
    String summary();

    /** Floating-point operations of one training step (forward and backward) per sample, or 0 if unknown. */
    default long trainingFlopsPerSample() {
        return 0;
    }
}
