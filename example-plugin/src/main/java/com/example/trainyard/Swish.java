package com.example.trainyard;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Swish, {@code y = x sigmoid(beta x)} elementwise (SiLU when beta is 1). Plain element access keeps the example
 * readable (a production layer would use bulk operations); the output and input-gradient arrays come from
 * {@link BatchBuffers}, so a batch size seen before allocates nothing.
 */
final class Swish implements Layer {

    private final double beta;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private INDArray input;

    Swish(double beta) {
        this.beta = beta;
    }

    @Override
    public String describe() {
        return "Swish(beta=" + beta + ")";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        this.input = input;
        INDArray output = outputs.like(input);
        for (long i = 0; i < input.length(); i++) {
            double x = input.getDouble(i);
            output.putScalar(i, x * sigmoid(beta * x));
        }
        return output;
    }

    /** dy/dx = s + beta x s (1 - s) with s = sigmoid(beta x). */
    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        INDArray gradInput = inputGradients.like(input);
        for (long i = 0; i < input.length(); i++) {
            double x = input.getDouble(i);
            double s = sigmoid(beta * x);
            gradInput.putScalar(i, gradOutput.getDouble(i) * (s + beta * x * s * (1 - s)));
        }
        return gradInput;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
