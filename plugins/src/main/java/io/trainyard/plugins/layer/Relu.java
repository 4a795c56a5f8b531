package io.trainyard.plugins.layer;

import io.trainyard.api.model.BoundOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code max(0, x)} element-wise; the gradient passes where the input was positive. */
public final class Relu extends Activation {

    private INDArray boundInput;
    private INDArray boundGradOutput;
    private BoundOp derivative;

    public Relu() {
        super("ReLU");
    }

    @Override
    void apply(INDArray input, INDArray output) {
        Nd4j.exec(new RectifiedLinear(input, output, 0.0));
    }

    @Override
    void differentiate(INDArray input, INDArray gradOutput, INDArray gradInput) {
        // Bound to the last pair of buffers seen: the training loop passes the same two every batch.
        if (input != boundInput || gradOutput != boundGradOutput) {
            boundInput = input;
            boundGradOutput = gradOutput;
            derivative = BoundOp.of(new RectifiedLinearDerivative(input, gradOutput, gradInput), gradInput, input,
                    gradOutput);
        }
        derivative.run();
    }
}
