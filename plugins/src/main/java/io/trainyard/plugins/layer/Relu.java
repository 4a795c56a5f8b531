package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.BoundOp;
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
    private INDArray boundInput;
    private INDArray boundGradOutput;
    private INDArray gradInput;
    private BoundOp derivative;

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
        // Bound to the last pair of buffers seen: the training loop passes the same two every batch.
        if (input != boundInput || gradOutput != boundGradOutput) {
            boundInput = input;
            boundGradOutput = gradOutput;
            gradInput = inputGradients.like(gradOutput);
            derivative = BoundOp.of(new RectifiedLinearDerivative(input, gradOutput, gradInput), gradInput, input,
                    gradOutput);
        }
        derivative.run();
        return gradInput;
    }
}
