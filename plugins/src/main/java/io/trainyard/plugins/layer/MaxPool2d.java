package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.BoundOp;
import io.trainyard.api.model.Layer;
import io.trainyard.api.parallel.Halves;
import java.util.Arrays;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's {@code MaxPool2d} on {@code [channels, height, width]} samples: square window, stride (the window size
 * by default in the factories), zero padding that never wins the maximum, output size rounded down (or up with
 * {@code ceil_mode}, PyTorch's rule: a last window must start inside the input or its left padding; libnd4j has no
 * such mode, so {@link ExactPool} pools every batch then). The gradient
 * flows to the position of each window's maximum. Both directions are libnd4j ops bound once per buffer.
 *
 * <p>A NaN wins its window, as in PyTorch, so that a diverging network is not hidden behind a finite maximum:
 * libnd4j skips NaNs, so a batch whose input's sum of magnitudes is not finite is pooled again by {@link ExactPool},
 * in Java. That sum is BLAS's {@code asum} (libnd4j's {@code reduce_sum} was ten times slower), taken by each half of
 * the batch over its own part right after pooling it: on the main thread alone after the whole batch, the two
 * poolings' sums were 5 % of a CNN example epoch.
 */
public final class MaxPool2d implements Layer {

    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean ceilMode;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private final BoundPasses<Pass> passes = new BoundPasses<>(Pass::new);
    private int threads;

    public MaxPool2d(int kernel, int stride, int padding) {
        this(kernel, stride, padding, false);
    }

    public MaxPool2d(int kernel, int stride, int padding, boolean ceilMode) {
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("MaxPool2d needs kernel and stride >= 1 and 0 <= padding <= kernel/2");
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
    }

    @Override
    public String describe() {
        return "MaxPool2d(k" + kernel + " s" + stride + " p" + padding + (ceilMode ? " ceil" : "") + ")";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(describe() + " expects inputs of shape [channels, height, width], got "
                    + Arrays.toString(inputShape));
        }
        long height = outputSize(inputShape[1]);
        long width = outputSize(inputShape[2]);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(describe() + ": input " + Arrays.toString(inputShape)
                    + " is smaller than the window");
        }
        return new long[] {inputShape[0], height, width};
    }

    private long outputSize(long size) {
        long span = size + 2L * padding - kernel;
        if (!ceilMode) {
            return Math.floorDiv(span, stride) + 1;
        }
        long windows = Math.floorDiv(span + stride - 1, stride) + 1;
        return (windows - 1) * stride >= size + padding ? windows - 1 : windows;
    }

    /** Both passes run two halves of the batch at once when the budget has two threads ({@link BatchHalves}). */
    @Override
    public void useThreads(int threads) {
        this.threads = threads;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        return passes.forward(input);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        return inputGradient ? passes.backward(gradOutput, true) : null;
    }

    private final class Pass implements BoundPasses.Pass {

        private final INDArray input;
        private final INDArray output;
        private final Halves pool;
        private ExactPool exact;
        private boolean nonFinite;
        private INDArray boundGradOutput;
        private INDArray gradInput;
        private Halves unpool;

        Pass(INDArray input) {
            this.input = input;
            long[] shape = outputShape(Arrays.copyOfRange(input.shape(), 1, 4));
            this.output = outputs.get(input.dataType(), input.size(0), shape);
            this.pool = ceilMode ? null : BatchHalves.split(input.size(0), true, threads, part -> {
                INDArray checked = part.of(input);
                BoundOp pooling = BoundOp.named("maxpool2d", arguments(), part.of(output), checked);
                Level1 blas = Nd4j.getBlasWrapper().level1();
                // Only ever set to true by either half; the caller reads it after both ended (Halves' hand-over
                // orders the writes before).
                return () -> {
                    pooling.run();
                    if (!Double.isFinite(blas.asum(checked))) {
                        nonFinite = true;
                    }
                };
            });
        }

        /** Window, stride, padding, dilation 1, explicit padding, max (not p-norm), channels first. */
        private long[] arguments() {
            return new long[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, 0};
        }

        @Override
        public INDArray forward() {
            if (ceilMode) {
                nonFinite = true; // the exact pooling is the only one for this mode
            } else {
                nonFinite = false;
                pool.run();
            }
            if (nonFinite) {
                if (exact == null) {
                    exact = new ExactPool(input, output);
                }
                exact.forward(kernel, stride, padding);
            }
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean inputGradient) {
            if (gradInput == null) {
                gradInput = inputGradients.like(input);
            }
            if (nonFinite) {
                exact.backward(gradOutput, gradInput);
                return gradInput;
            }
            if (gradOutput != boundGradOutput) {
                boundGradOutput = gradOutput;
                unpool = BatchHalves.split(input.size(0), true, threads, part -> BoundOp.named("maxpool2d_bp",
                        arguments(), part.of(gradInput), part.of(input), part.of(gradOutput))::run);
            }
            unpool.run();
            return gradInput;
        }
    }

    @Override
    public long forwardFlops(long[] inputShape) {
        long[] shape = outputShape(inputShape);
        return shape[0] * shape[1] * shape[2] * kernel * kernel;
    }
}
