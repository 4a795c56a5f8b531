package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.BoundOp;
import io.trainyard.api.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;

/**
 * An element-wise function without parameters: same shape out as in, buffers reused per batch size. Subclasses
 * name ND4J's op for the function and its gradient op; the gradient op is bound once per pair of buffers (the
 * training loop passes the same two every batch), so backward allocates nothing.
 */
abstract class Activation implements Layer {

    private final String name;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private INDArray input;
    private INDArray boundInput;
    private INDArray boundGradOutput;
    private INDArray gradInput;
    private BoundOp gradient;

    Activation(String name) {
        this.name = name;
    }

    /** Writes {@code f(input)} into {@code output}. */
    abstract void apply(INDArray input, INDArray output);

    /** The op writing {@code f'(input) * gradOutput} into {@code gradInput}. */
    abstract CustomOp gradientOp(INDArray input, INDArray gradOutput, INDArray gradInput);

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
        if (input != boundInput || gradOutput != boundGradOutput) {
            boundInput = input;
            boundGradOutput = gradOutput;
            gradInput = inputGradients.like(gradOutput);
            gradient = BoundOp.of(gradientOp(input, gradOutput, gradInput), gradInput, input, gradOutput);
        }
        gradient.run();
        return gradInput;
    }
}
