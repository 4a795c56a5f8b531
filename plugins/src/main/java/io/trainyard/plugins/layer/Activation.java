package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An element-wise function without parameters: same shape out as in, buffers reused per batch size. */
abstract class Activation implements Layer {

    private final String name;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private INDArray input;

    Activation(String name) {
        this.name = name;
    }

    /** Writes {@code f(input)} into {@code output}. */
    abstract void apply(INDArray input, INDArray output);

    /** Writes {@code f'(input) * gradOutput} into {@code gradInput}. */
    abstract void differentiate(INDArray input, INDArray gradOutput, INDArray gradInput);

    @Override
    public final String describe() {
        return name;
    }

    @Override
    public final long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public final INDArray forward(INDArray input, boolean training) {
        this.input = input;
        INDArray output = outputs.like(input);
        apply(input, output);
        return output;
    }

    @Override
    public final INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        INDArray gradInput = inputGradients.like(gradOutput);
        differentiate(input, gradOutput, gradInput);
        return gradInput;
    }
}
