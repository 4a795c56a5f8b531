package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code max(0, x)} element-wise; the gradient passes where the input was positive. */
public final class Relu implements Layer {

    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private INDArray input;

    @Override
    public String describe() {
        return "ReLU";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        this.input = input;
        INDArray output = outputs.like(input);
        Nd4j.exec(new RectifiedLinear(input, output, 0.0));
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        INDArray gradInput = inputGradients.like(gradOutput);
        Nd4j.exec(new RectifiedLinearDerivative(input, gradOutput, gradInput));
        return gradInput;
    }
}
