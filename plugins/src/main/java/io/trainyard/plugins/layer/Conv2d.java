package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.BoundOp;
import io.trainyard.api.model.Layer;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code Conv2d} on {@code [channels, height, width]} samples: weight {@code [out, in, k, k]}, bias
 * {@code [out]} unless built without one ({@code bias=False}), square kernel, stride and zero padding. Parameters:
 * the weight row-major, then the bias. Each batch is unfolded once by libnd4j's {@code im2col}
 * into {@code [batch, in k k, positions]}, so every sample's convolution is one GEMM of the weight with its columns;
 * backward is the same GEMMs transposed and {@code col2im}. libnd4j's own {@code conv2d_bp} is 4 to 15 times slower
 * here: it runs single-threaded without BLAS's blocking.
 */
public final class Conv2d implements Layer {

    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean hasBias;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers columnBuffers = new BatchBuffers();
    private final BatchBuffers columnGradients = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private final BatchBuffers batchOnes = new BatchBuffers(1.0);
    private final BatchBuffers positionOnes = new BatchBuffers(1.0);
    private final BatchBuffers biasPlanes = new BatchBuffers();
    private final BatchBuffers biasSums = new BatchBuffers();
    private final BoundPasses<Pass> passes = new BoundPasses<>(Pass::new);
    private INDArray weight;
    private INDArray bias;
    private INDArray weightGradient;
    private INDArray biasGradient;

    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, true);
    }

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2d needs positive channels, kernel and stride and padding >= 0");
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.hasBias = bias;
    }

    @Override
    public String describe() {
        return "Conv2d(" + in + " -> " + out + ", k" + kernel + " s" + stride + " p" + padding
                + (hasBias ? "" : ", no bias") + ")";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3 || inputShape[0] != in) {
            throw new IllegalArgumentException(describe() + " expects inputs of shape [" + in
                    + ", height, width], got " + Arrays.toString(inputShape));
        }
        long height = size(inputShape[1]);
        long width = size(inputShape[2]);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(describe() + ": input " + Arrays.toString(inputShape)
                    + " is smaller than the kernel");
        }
        return new long[] {out, height, width};
    }

    private long size(long input) {
        return Math.floorDiv(input + 2L * padding - kernel, stride) + 1;
    }

    private long patch() {
        return (long) in * kernel * kernel;
    }

    @Override
    public long parameterCount() {
        return out * patch() + (hasBias ? out : 0);
    }

    @Override
    public void bind(INDArray values, INDArray gradients) {
        weight = Slices.matrix(values, 0, out, patch());
        weightGradient = Slices.matrix(gradients, 0, out, patch());
        if (hasBias) {
            bias = Slices.matrix(values, out * patch(), out, 1);
            biasGradient = Slices.matrix(gradients, out * patch(), 1, out);
        }
    }

    /** PyTorch's default: weight and bias uniform in {@code [-1/sqrt(fan_in)]}, fan_in = in k k. */
    @Override
    public void initialize(Random random) {
        double bound = 1.0 / Math.sqrt(patch());
        Slices.fillUniform(weight, random, bound);
        if (hasBias) {
            Slices.fillUniform(bias, random, bound);
        }
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        return passes.forward(input);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        return passes.backward(gradOutput, inputGradient);
    }

    /** Forward: im2col; the output starts as the bias broadcast by two GEMMs; then one GEMM per sample adds W x. */
    private final class Pass implements BoundPasses.Pass {

        private final INDArray input;
        private final INDArray output;
        private final INDArray columns;
        private final long batch;
        private final long positions;
        private final BoundOp unfold;
        private final BoundOp biasPlane;
        private final BoundOp broadcastBias;
        private final BoundOp[] multiply;
        private Backward backward;

        Pass(INDArray input) {
            this.input = input;
            this.batch = input.size(0);
            long[] shape = outputShape(Arrays.copyOfRange(input.shape(), 1, 4));
            long height = shape[1];
            long width = shape[2];
            this.positions = height * width;
            this.output = outputs.get(input.dataType(), batch, out, height, width);
            this.columns = columnBuffers.get(input.dataType(), batch, in, kernel, kernel, height, width);
            this.unfold = BoundOp.named("im2col", windowArguments(), columns, input);
            if (hasBias) {
                INDArray plane = biasPlanes.get(input.dataType(), 1, out * positions);
                INDArray ones = positionOnes.get(input.dataType(), 1, positions);
                this.biasPlane = BoundOp.gemm(bias, ones, plane.reshape(out, positions), false, false, 1, 0);
                this.broadcastBias = BoundOp.gemm(batchOnes.get(input.dataType(), batch, 1), plane,
                        output.reshape(batch, out * positions), false, false, 1, 0);
            } else {
                this.biasPlane = null;
                this.broadcastBias = null;
            }
            INDArray perSample = columns.reshape(batch, patch(), positions);
            INDArray outputs = output.reshape(batch, out, positions);
            this.multiply = new BoundOp[Math.toIntExact(batch)];
            for (int b = 0; b < batch; b++) {
                multiply[b] = BoundOp.gemm(weight, perSample.slice(b), outputs.slice(b), false, false, 1,
                        hasBias ? 1 : 0);
            }
        }

        private long[] windowArguments() {
            return new long[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0};
        }

        @Override
        public INDArray forward() {
            unfold.run();
            if (hasBias) {
                biasPlane.run();
                broadcastBias.run();
            }
            for (BoundOp op : multiply) {
                op.run();
            }
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean inputGradient) {
            if (backward == null || backward.gradOutput != gradOutput) {
                backward = new Backward(gradOutput);
            }
            return backward.run(inputGradient);
        }

        /** {@code dW += dy_b col_b^T}, {@code db += sums of dy}, {@code dcol_b = W^T dy_b}, then col2im. */
        private final class Backward {

            private final INDArray gradOutput;
            private final INDArray gradInput;
            private final BoundOp[] weightGradients;
            private final BoundOp[] columnGradientOps;
            private final BoundOp sumPositions;
            private final BoundOp sumBatch;
            private final BoundOp fold;

            Backward(INDArray gradOutput) {
                this.gradOutput = gradOutput;
                INDArray grads = gradOutput.reshape(batch, out, positions);
                INDArray perSample = columns.reshape(batch, patch(), positions);
                INDArray columnGradient = columnGradients.get(columns.dataType(), batch,
                        Arrays.copyOfRange(columns.shape(), 1, 6));
                INDArray columnGradientPerSample = columnGradient.reshape(batch, patch(), positions);
                this.weightGradients = new BoundOp[Math.toIntExact(batch)];
                this.columnGradientOps = new BoundOp[Math.toIntExact(batch)];
                for (int b = 0; b < batch; b++) {
                    weightGradients[b] = BoundOp.gemm(grads.slice(b), perSample.slice(b), weightGradient, false, true,
                            1, 1);
                    columnGradientOps[b] = BoundOp.gemm(weight, grads.slice(b), columnGradientPerSample.slice(b),
                            true, false, 1, 0);
                }
                if (hasBias) {
                    INDArray sums = biasSums.get(gradOutput.dataType(), batch, out);
                    this.sumPositions = BoundOp.gemm(gradOutput.reshape(batch * out, positions),
                            positionOnes.get(gradOutput.dataType(), 1, positions), sums.reshape(batch * out, 1),
                            false, true, 1, 0);
                    this.sumBatch = BoundOp.gemm(batchOnes.get(gradOutput.dataType(), batch, 1), sums, biasGradient,
                            true, false, 1, 1);
                } else {
                    this.sumPositions = null;
                    this.sumBatch = null;
                }
                this.gradInput = inputGradients.like(input);
                this.fold = BoundOp.named("col2im", new long[] {stride, stride, padding, padding, input.size(2),
                        input.size(3), 1, 1, 0}, gradInput, columnGradient);
            }

            INDArray run(boolean inputGradient) {
                for (BoundOp op : weightGradients) {
                    op.run();
                }
                if (hasBias) {
                    sumPositions.run();
                    sumBatch.run();
                }
                if (!inputGradient) {
                    return null;
                }
                for (BoundOp op : columnGradientOps) {
                    op.run();
                }
                fold.run();
                return gradInput;
            }
        }
    }

    @Override
    public long forwardFlops(long[] inputShape) {
        long[] shape = outputShape(inputShape);
        return 2 * patch() * out * shape[1] * shape[2];
    }

    @Override
    public long backwardFlops(long[] inputShape, boolean inputGradient) {
        return (inputGradient ? 2 : 1) * forwardFlops(inputShape);
    }

    /** The weight view {@code [out, in k k]}, for tests and inspection. */
    public INDArray weight() {
        return weight;
    }
}
