package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Layer;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code y = x W^T + b}, with {@code W} of shape {@code [out, in]} as in PyTorch. Every product is a single GEMM
 * into a preallocated array with transpose flags: the allocating {@code mmul} of a transposed view is an order of
 * magnitude slower in ND4J.
 */
public final class Linear implements Layer {

    private final long in;
    private final long out;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private final BatchBuffers ones = new BatchBuffers(1.0);
    private INDArray weight;
    private INDArray bias;
    private INDArray weightGradient;
    private INDArray biasGradient;
    private INDArray input;

    public Linear(long in, long out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear needs positive sizes, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
    }

    @Override
    public String describe() {
        return "Linear(" + in + " -> " + out + ")";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != in) {
            throw new IllegalArgumentException(describe() + " expects inputs of shape [" + in + "], got "
                    + java.util.Arrays.toString(inputShape) + "; add a flatten layer or fix the size");
        }
        return new long[] {out};
    }

    @Override
    public long parameterCount() {
        return out * in + out;
    }

    @Override
    public void bind(INDArray values, INDArray gradients) {
        weight = values.get(interval(0, out * in)).reshape(out, in);
        bias = values.get(interval(out * in, out * in + out)).reshape(1, out);
        weightGradient = gradients.get(interval(0, out * in)).reshape(out, in);
        biasGradient = gradients.get(interval(out * in, out * in + out)).reshape(1, out);
    }

    private static INDArrayIndex[] interval(long from, long to) {
        return new INDArrayIndex[] {NDArrayIndex.point(0), NDArrayIndex.interval(from, to)};
    }

    /** PyTorch's default: weight and bias uniform in {@code [-1/sqrt(in), 1/sqrt(in)]}. */
    @Override
    public void initialize(Random random) {
        double bound = 1.0 / Math.sqrt(in);
        weight.assign(uniform(random, out * in, bound).reshape(out, in));
        bias.assign(uniform(random, out, bound).reshape(1, out));
    }

    private INDArray uniform(Random random, long count, double bound) {
        double[] values = new double[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return Nd4j.createFromArray(values).castTo(weight.dataType());
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        this.input = input;
        INDArray output = outputs.get(input.dataType(), input.size(0), out);
        Nd4j.gemm(input, weight, output, false, true, 1.0, 0.0);
        output.addiRowVector(bias);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        long batch = gradOutput.size(0);
        Nd4j.gemm(gradOutput, input, weightGradient, true, false, 1.0, 1.0);
        // The bias gradient is the column sum of gradOutput: a GEMM with a ones column, accumulating in place.
        INDArray column = ones.get(gradOutput.dataType(), batch, 1);
        Nd4j.gemm(column, gradOutput, biasGradient, true, false, 1.0, 1.0);
        if (!inputGradient) {
            return null;
        }
        INDArray gradInput = inputGradients.get(gradOutput.dataType(), batch, in);
        Nd4j.gemm(gradOutput, weight, gradInput, false, false, 1.0, 0.0);
        return gradInput;
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

    /** The bias view {@code [1, out]}. */
    public INDArray bias() {
        return bias;
    }
}
