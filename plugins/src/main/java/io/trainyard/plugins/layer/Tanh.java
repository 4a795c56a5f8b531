package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code tanh(x)} element-wise; the gradient is {@code (1 - tanh(x)^2) * gradOutput}. */
public final class Tanh implements Layer {

    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private INDArray input;

    @Override
    public String describe() {
        return "Tanh";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        this.input = input;
        INDArray output = outputs.like(input);
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(input, output));
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        INDArray gradInput = inputGradients.like(gradOutput);
        Nd4j.exec(new TanhDerivative(input, gradInput));
        gradInput.muli(gradOutput);
        return gradInput;
    }
}
