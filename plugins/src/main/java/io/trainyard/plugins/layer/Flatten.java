package io.trainyard.plugins.layer;

import io.trainyard.api.model.Layer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reshapes {@code [batch, d1, d2, ...]} to {@code [batch, d1 * d2 * ...]} as a view, copying nothing. */
public final class Flatten implements Layer {

    private INDArray lastInput;
    private INDArray lastOutput;
    private INDArray lastGradOutput;
    private INDArray lastGradInput;

    @Override
    public String describe() {
        return "Flatten";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return new long[] {length(inputShape)};
    }

    /** The number of values in one sample of the given shape. */
    public static long length(long[] sampleShape) {
        return Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        // The trainer feeds the same batch buffer every step, so the reshaped view is built once per buffer.
        if (input != lastInput) {
            lastInput = input;
            lastOutput = input.reshape(input.size(0), input.length() / input.size(0));
        }
        return lastOutput;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        if (gradOutput != lastGradOutput) {
            lastGradOutput = gradOutput;
            lastGradInput = gradOutput.reshape(lastInput.shape());
        }
        return lastGradInput;
    }
}
