package io.trainyard.api.model;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One differentiable step of a {@link Sequential} model. Arrays are batch-first: a layer sees {@code [batch, ...]}
 * and every shape it reports leaves the batch dimension out.
 *
 * <p>Layers own their output and input-gradient buffers and reuse them from batch to batch (see
 * {@link BatchBuffers}): the training loop calls {@code forward} and {@code backward} tens of thousands of times, and
 * an ND4J allocation costs far more than the arithmetic of a small layer. The array a layer returns is therefore
 * valid only until its next call; and for an input array it has met before it returns the same output array as
 * then, whatever batch sizes came in between (the trainer passes the same few buffers every epoch, and the next layer
 * binds its work to the array it gets). Parameter gradients <em>accumulate</em> across {@code backward} calls, as in
 * PyTorch; the optimizer zeroes them.
 */
public interface Layer {

    /** A short description for summaries, e.g. {@code Linear(784 -> 512)}. */
    String describe();

    /** The per-sample output shape for a per-sample input shape; throws if the input shape does not fit. */
    long[] outputShape(long[] inputShape);

    /** How many scalars of parameters this layer needs in the model's flat buffer. */
    default long parameterCount() {
        return 0;
    }

    /**
     * Hands the layer its slice of the model's flat parameter and gradient buffers, as two {@code [1, n]} views with
     * {@code n = parameterCount()}. Called once, before {@link #initialize}.
     *
     * <p>The layout within the slice is the layer's to choose and to document on its class, since optimizers see it
     * as one flat vector and callbacks read it ({@link ParameterView}); a checkpoint stores it as it is, so it cannot
     * change between versions of a layer without breaking {@code resume} and {@code evaluate}. The built-in layers,
     * in PyTorch's order for the same parameters: {@code linear} the weight {@code [out, in]} row by row, then the
     * bias {@code [out]}; {@code conv2d} the weight {@code [out, in / groups, kh, kw]} in that order, then the
     * bias {@code [out]}; {@code batchnorm1d} gamma {@code [features]}, then beta. The model's buffer holds its layers'
     * slices in model order.
     */
    default void bind(INDArray values, INDArray gradients) {
    }

    /** Writes initial parameter values, drawing only from {@code random} so runs are reproducible. */
    default void initialize(Random random) {
    }

    /**
     * Values outside the parameters that evaluation depends on (a batch norm's running statistics), as the live
     * arrays: checkpoints save them and restore them in place. Most layers have none.
     */
    default List<double[]> state() {
        return List.of();
    }

    /** Computes the output for a batch; keeps what backward needs. */
    INDArray forward(INDArray input, boolean training);

    /**
     * Adds this batch's parameter gradients to the gradient buffer and returns the gradient with respect to the last
     * forward's input, or {@code null} when {@code inputGradient} is false (the first layer never needs it).
     */
    INDArray backward(INDArray gradOutput, boolean inputGradient);

    /**
     * Gives the run's thread budget ({@code threads} in the experiment), once, before the first batch, to a layer that
     * runs parts of each batch on threads of its own (a convolution computing two halves of the batch at once). BLAS
     * always runs on one thread, so that results do not depend on the budget. The default ignores it.
     */
    default void useThreads(int threads) {
    }

    /** Floating-point operations of forward for one sample (multiply and add count as two), for benchmarks. */
    default long forwardFlops(long[] inputShape) {
        return 0;
    }

    /** Floating-point operations of backward for one sample, for benchmarks. */
    default long backwardFlops(long[] inputShape, boolean inputGradient) {
        return 0;
    }
}
