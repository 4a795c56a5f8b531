package io.trainyard.plugins.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code max(0, x)} element-wise; the gradient passes where the input was positive. */
public final class Relu extends Activation {

    public Relu() {
        super("ReLU");
    }

    @Override
    void apply(INDArray input, INDArray output) {
        Nd4j.exec(new RectifiedLinear(input, output, 0.0));
    }

    @Override
    CustomOp gradientOp(INDArray input, INDArray gradOutput, INDArray gradInput) {
        return new RectifiedLinearDerivative(input, gradOutput, gradInput);
    }
}
