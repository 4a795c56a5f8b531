package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.BoundOp;
import io.trainyard.api.model.Layer;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code Conv2d} on {@code [channels, height, width]} samples: weight {@code [out, in / groups, kH, kW]},
 * bias {@code [out]} unless built without one ({@code bias=False}); kernel, stride, dilation and zero padding per
 * axis; {@code groups} independent convolutions, each from {@code in / groups} input channels to
 * {@code out / groups} outputs. Parameters: the weight row-major, then the bias.
 *
 * <p>Two kernels compute it: oneDNN's, through libnd4j's {@code conv2d} ops, where ND4J runs on its oneDNN build
 * and libnd4j can hand the layer over ({@link NativeConvolution}); elsewhere, and for one input channel, one GEMM
 * per group over the batch unfolded in Java ({@link UnfoldedConvolution}).
 */
public final class Conv2d implements Layer {

    private final int in;
    private final int out;
    private final ConvolutionAxis height;
    private final ConvolutionAxis width;
    private final int groups;
    private final boolean hasBias;
    // Per batch size, shared by the passes over the training, last and evaluation batches.
    final BatchBuffers outputs = new BatchBuffers();
    final BatchBuffers inputGradients = new BatchBuffers();
    final BatchBuffers scratch = new BatchBuffers();
    final BatchBuffers scratchGradients = new BatchBuffers();
    final BatchBuffers products = new BatchBuffers();
    final BatchBuffers ones = new BatchBuffers(1.0);
    private final boolean oneDnn;
    private final BoundPasses<BoundPasses.Pass> passes = new BoundPasses<>(this::pass);
    private int threads;
    private INDArray values;
    private INDArray gradients;
    private INDArray bias;
    private INDArray biasGradient;

    /** A square kernel with the same stride and padding on both axes and no dilation or groups, with a bias. */
    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, true);
    }

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this(in, out, ConvolutionAxis.padded(kernel, stride, 1, padding), ConvolutionAxis.padded(kernel, stride, 1,
                padding), 1, bias);
    }

    /** PyTorch's Conv2d, on libnd4j's oneDNN kernels where ND4J runs on its oneDNN build and they apply. */
    public Conv2d(int in, int out, ConvolutionAxis height, ConvolutionAxis width, int groups, boolean bias) {
        this(in, out, height, width, groups, bias, OneDnn.active());
    }

    /** With {@code oneDnn} false, always the unfolded GEMMs (tests compare the two). */
    Conv2d(int in, int out, ConvolutionAxis height, ConvolutionAxis width, int groups, boolean bias, boolean oneDnn) {
        if (in < 1 || out < 1 || groups < 1) {
            throw new IllegalArgumentException("Conv2d needs positive channels and groups");
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv2d groups must divide both the input channels and out_channels;"
                    + " got " + in + " and " + out + " channels for " + groups + " groups");
        }
        this.in = in;
        this.out = out;
        this.height = height;
        this.width = width;
        this.groups = groups;
        this.hasBias = bias;
        this.oneDnn = oneDnn;
    }

    @Override
    public String describe() {
        String window = height.equals(width) ? height.describe()
                : "height " + height.describe() + ", width " + width.describe();
        return "Conv2d(" + in + " -> " + out + ", " + window + (groups == 1 ? "" : ", groups " + groups)
                + (hasBias ? "" : ", no bias") + ")";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3 || inputShape[0] != in) {
            throw new IllegalArgumentException(describe() + " expects inputs of shape [" + in
                    + ", height, width], got " + Arrays.toString(inputShape));
        }
        long rows = height.output(inputShape[1]);
        long columns = width.output(inputShape[2]);
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException(describe() + ": input " + Arrays.toString(inputShape)
                    + " is smaller than the kernel");
        }
        return new long[] {out, rows, columns};
    }

    /** The values one output channel sees: {@code in / groups} channels of {@code kH kW} taps. */
    long patch() {
        return (long) in / groups * height.kernel() * width.kernel();
    }

    long outPerGroup() {
        return out / groups;
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    ConvolutionAxis height() {
        return height;
    }

    ConvolutionAxis width() {
        return width;
    }

    int groups() {
        return groups;
    }

    boolean hasBias() {
        return hasBias;
    }

    /** Both passes run two halves of the batch at once when the budget has two threads ({@link BatchHalves}). */
    @Override
    public void useThreads(int threads) {
        this.threads = threads;
    }

    /** The thread budget the layer was given, 0 if none. */
    int threads() {
        return threads;
    }

    /**
     * {@code gradient += part}, bound once: how a gradient that one half of a batch computed apart joins the layer's,
     * always in the same order.
     */
    static BoundOp accumulate(INDArray gradient, INDArray part) {
        return BoundOp.named("add", new long[0], gradient, gradient, part);
    }

    /** The bias {@code [out, 1]} and its gradient, when the layer has them. */
    INDArray bias() {
        return bias;
    }

    INDArray biasGradient() {
        return biasGradient;
    }

    @Override
    public long parameterCount() {
        return out * patch() + (hasBias ? out : 0);
    }

    @Override
    public void bind(INDArray values, INDArray gradients) {
        this.values = values;
        this.gradients = gradients;
        if (hasBias) {
            bias = Slices.matrix(values, out * patch(), out, 1);
            biasGradient = Slices.matrix(gradients, out * patch(), out, 1);
        }
    }

    /** The whole weight, {@code [out, patch]}. */
    INDArray weight() {
        return Slices.matrix(values, 0, out, patch());
    }

    /** The whole weight's gradient. */
    INDArray weightGradient() {
        return Slices.matrix(gradients, 0, out, patch());
    }

    /** Group {@code g}'s rows {@code [out / groups, patch]} of the weight. */
    INDArray weight(int group) {
        return Slices.matrix(values, group * outPerGroup() * patch(), outPerGroup(), patch());
    }

    /** Group {@code g}'s rows of the weight's gradient. */
    INDArray weightGradient(int group) {
        return Slices.matrix(gradients, group * outPerGroup() * patch(), outPerGroup(), patch());
    }

    /**
     * oneDNN's kernels (through libnd4j's {@code conv2d} ops) where libnd4j hands them this layer correctly: no
     * groups, no dilation (libnd4j's oneDNN glue refuses dilated kernels), and padding alike on both sides or
     * PyTorch's same padding; the unfolded GEMMs otherwise, and for a single input channel. With one input channel
     * (a grey image) oneDNN's backward pass took 2.5 to 4 ms on the CNN example's first layer, against 1.0 ms
     * unfolded, and faulted in fresh scratch pages on every batch; its forward pass was no faster.
     */
    private BoundPasses.Pass pass(INDArray input) {
        boolean fits = groups == 1 && in > 1 && height.dilation() == 1 && width.dilation() == 1
                && (samePadding() || (!height.asymmetric() && !width.asymmetric()));
        return oneDnn && fits ? new NativeConvolution(this, input) : new UnfoldedConvolution(this, input);
    }

    /** The same layer computed as unfolded GEMMs whatever the native build, to test one kernel against the other. */
    Conv2d unfolded() {
        return new Conv2d(in, out, height, width, groups, hasBias, false);
    }

    /** Whether the padding is PyTorch's {@code same}: the output as large as the input at stride 1. */
    boolean samePadding() {
        return height.equals(ConvolutionAxis.same(height.kernel(), height.dilation()))
                && width.equals(ConvolutionAxis.same(width.kernel(), width.dilation()));
    }

    /** PyTorch's default: weight and bias uniform in {@code [-1/sqrt(fan_in)]}, fan_in = (in / groups) kH kW. */
    @Override
    public void initialize(Random random) {
        double bound = 1.0 / Math.sqrt(patch());
        Slices.fillUniform(weight(), random, bound);
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

    @Override
    public long forwardFlops(long[] inputShape) {
        long[] shape = outputShape(inputShape);
        return 2 * patch() * out * shape[1] * shape[2];
    }

    @Override
    public long backwardFlops(long[] inputShape, boolean inputGradient) {
        return (inputGradient ? 2 : 1) * forwardFlops(inputShape);
    }
}
