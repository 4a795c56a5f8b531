package io.trainyard.plugins.layer;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.BoundOp;
import io.trainyard.api.model.Layer;
import io.trainyard.api.parallel.Halves;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * {@code y = x W^T + b}, with {@code W} of shape {@code [out, in]} as in PyTorch, and {@code b} unless built without
 * a bias ({@code bias=False}). Parameters: {@code W} row-major, then {@code b}. Every product, the bias included,
 * is one GEMM into a preallocated array with transpose flags, bound once per batch buffer ({@link BoundOp}): the
 * allocating {@code mmul} of a transposed view is an order of magnitude slower in ND4J, and even {@code Nd4j.gemm}
 * allocates a native context per call. The work runs as two halves at once when the budget has two threads
 * ({@link Halves}), each half the same product whatever the thread count: the forward pass over two halves of the
 * batch from {@link #FORWARD_HALVES_FROM} samples (evaluation's), and below that over two halves of the output units
 * (from {@link #UNIT_HALVES_FROM} units); the backward pass computes the input's gradient beside the parameters'
 * (independent GEMMs of equal size: the reference MLP's training epoch 7 % shorter), or, when no input gradient is
 * wanted (a first layer), the parameters' for two halves of the output units.
 */
public final class Linear implements Layer {

    /**
     * Two halves of a 1000-row product took 0.7 times as long at once as the whole did (one thread each); at a
     * training batch's 64 rows they gained nothing, as each half still reads the whole weight, while two halves of the
     * output units (half the weight each) made the reference MLP's epoch 11 % shorter.
     */
    static final long FORWARD_HALVES_FROM = 256;

    /**
     * Two halves of fewer output units cost more than they save: a 64-sample batch through 512 -> 10 took 42 us
     * forward as two halves at once and 30 us whole (each product's fixed cost dominates); at 32 units they were
     * even, at 64 the halves took 63 us against 99.
     */
    static final long UNIT_HALVES_FROM = 64;

    private final long in;
    private final long out;
    private final boolean hasBias;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private final BatchBuffers onesColumns = new BatchBuffers(1.0);
    /** Per batch size, a dense block for each half of the output units (the forward's outputs, the backward's). */
    private final BatchBuffers unitBlocks = new BatchBuffers();
    private final BoundPasses<Pass> passes = new BoundPasses<>(Pass::new);
    private INDArray weight;
    private INDArray bias;
    private INDArray weightGradient;
    private INDArray biasGradient;
    private int threads;

    public Linear(long in, long out) {
        this(in, out, true);
    }

    public Linear(long in, long out, boolean bias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear needs positive sizes, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.hasBias = bias;
    }

    @Override
    public String describe() {
        return "Linear(" + in + " -> " + out + (hasBias ? "" : ", no bias") + ")";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != in) {
            throw new IllegalArgumentException(describe() + " expects inputs of shape [" + in + "], got "
                    + Arrays.toString(inputShape) + "; add a flatten layer or fix the size");
        }
        return new long[] {out};
    }

    @Override
    public long parameterCount() {
        return out * in + (hasBias ? out : 0);
    }

    @Override
    public void bind(INDArray values, INDArray gradients) {
        weight = Slices.matrix(values, 0, out, in);
        weightGradient = Slices.matrix(gradients, 0, out, in);
        if (hasBias) {
            bias = Slices.matrix(values, out * in, 1, out);
            biasGradient = Slices.matrix(gradients, out * in, 1, out);
        }
    }

    /** PyTorch's default: weight and bias uniform in {@code [-1/sqrt(in), 1/sqrt(in)]}. */
    @Override
    public void initialize(Random random) {
        double bound = 1.0 / Math.sqrt(in);
        Slices.fillUniform(weight, random, bound);
        if (hasBias) {
            Slices.fillUniform(bias, random, bound);
        }
    }

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
        return passes.backward(gradOutput, inputGradient);
    }

    /**
     * Forward: the output starts as the bias broadcast over the batch (a GEMM of a ones column with the bias row),
     * then {@code x W^T} is added. Backward: {@code dW += dy^T x}, {@code db += 1^T dy}, {@code dx = dy W}.
     */
    private final class Pass implements BoundPasses.Pass {

        private final INDArray input;
        private final INDArray output;
        private final INDArray ones;
        /** The units' blocks, one after the other, {@code [batch, units]} each; made when first needed. */
        private INDArray blocks;
        private final Halves forward;
        private Backward backward;

        Pass(INDArray input) {
            this.input = input;
            long batch = input.size(0);
            this.output = outputs.get(input.dataType(), batch, out);
            this.ones = onesColumns.get(input.dataType(), batch, 1);
            this.forward = batch >= FORWARD_HALVES_FROM
                    ? BatchHalves.split(batch, true, threads,
                            part -> forward(part.of(input), part.of(ones), all(), part.of(output)))
                    : unitHalves(units -> forward(input, ones, units, output));
        }

        /**
         * {@code y = b + x W^T} for the output units {@code units} of the rows of {@code x}: into the units' dense
         * block, then copied into their columns of {@code y}, where those are some of its columns.
         */
        private Runnable forward(INDArray x, INDArray onesColumn, INDArrayIndex units, INDArray y) {
            INDArray unitOutputs = y.get(all(), units);
            INDArray target = dense(unitOutputs, y);
            BoundOp addBias = hasBias
                    ? BoundOp.gemm(onesColumn, bias.get(all(), units), target, false, false, 1.0, 0.0) : null;
            BoundOp multiply = BoundOp.gemm(x, weight.get(units, all()), target, false, true, 1.0,
                    hasBias ? 1.0 : 0.0);
            RowCopy copy = target == unitOutputs ? null : RowCopy.of(target, unitOutputs);
            return () -> {
                if (addBias != null) {
                    addBias.run();
                }
                multiply.run();
                if (copy != null) {
                    copy.run();
                }
            };
        }

        /**
         * {@code columns} (some output units' columns of {@code whole}) where they are dense, else their dense block.
         */
        private INDArray dense(INDArray columns, INDArray whole) {
            if (RowCopy.dense(columns)) {
                return columns;
            }
            long batch = whole.rows();
            if (blocks == null) {
                blocks = unitBlocks.get(whole.dataType(), batch, out).reshape(1, batch * out);
            }
            return Slices.matrix(blocks, batch * (columns.offset() - whole.offset()), batch, columns.columns());
        }

        @Override
        public INDArray forward() {
            forward.run();
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean inputGradient) {
            if (backward == null || backward.gradOutput != gradOutput || backward.inputGradient != inputGradient) {
                backward = new Backward(gradOutput, inputGradient);
            }
            backward.work.run();
            return backward.gradInput;
        }

        private final class Backward {

            final INDArray gradOutput;
            final boolean inputGradient;
            /** The input's gradient, or null when not wanted. */
            final INDArray gradInput;
            final Halves work;

            Backward(INDArray gradOutput, boolean inputGradient) {
                this.gradOutput = gradOutput;
                this.inputGradient = inputGradient;
                if (inputGradient) {
                    gradInput = inputGradients.get(gradOutput.dataType(), gradOutput.size(0), in);
                    BoundOp product = BoundOp.gemm(gradOutput, weight, gradInput, false, false, 1.0, 0.0);
                    work = Halves.of(threads, product::run, parameterGradients(all()));
                } else {
                    gradInput = null;
                    work = unitHalves(this::parameterGradients);
                }
            }

            /**
             * {@code dW += dy^T x} and {@code db += 1^T dy} for the output units {@code units}, from a dense copy of
             * their columns of {@code dy} where those are some of its columns.
             */
            private Runnable parameterGradients(INDArrayIndex units) {
                INDArray unitGradients = gradOutput.get(all(), units);
                INDArray source = dense(unitGradients, gradOutput);
                RowCopy copy = source == unitGradients ? null : RowCopy.of(unitGradients, source);
                BoundOp weights = BoundOp.gemm(source, input, weightGradient.get(units, all()), true, false, 1.0,
                        1.0);
                BoundOp biases = hasBias ? BoundOp.gemm(ones, source, biasGradient.get(all(), units), true, false,
                        1.0, 1.0) : null;
                return () -> {
                    if (copy != null) {
                        copy.run();
                    }
                    weights.run();
                    if (biases != null) {
                        biases.run();
                    }
                };
            }
        }
    }

    /**
     * {@code work} for the first half of the output units (the larger) and for the rest; whole below
     * {@link #UNIT_HALVES_FROM} units.
     */
    private Halves unitHalves(Function<INDArrayIndex, Runnable> work) {
        if (out < UNIT_HALVES_FROM) {
            return Halves.whole(work.apply(all()));
        }
        long first = (out + 1) / 2;
        return Halves.of(threads, work.apply(interval(0, first)), work.apply(interval(first, out)));
    }

    @Override
    public long forwardFlops(long[] inputShape) {
        return 2 * in * out;
    }

    @Override
    public long backwardFlops(long[] inputShape, boolean inputGradient) {
        return (inputGradient ? 4 : 2) * in * out;
    }

    /** The weight view {@code [out, in]}, for tests and inspection. */
    public INDArray weight() {
        return weight;
    }

    /** The bias view {@code [1, out]}, or null without a bias. */
    public INDArray bias() {
        return bias;
    }
}
