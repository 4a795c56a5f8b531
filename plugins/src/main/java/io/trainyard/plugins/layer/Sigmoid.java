package io.trainyard.plugins.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code 1 / (1 + exp(-x))} element-wise; the gradient is {@code s (1 - s) * gradOutput}. */
public final class Sigmoid extends Activation {

    public Sigmoid() {
        super("Sigmoid");
    }

    @Override
    void apply(INDArray input, INDArray output) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(input, output));
    }

    @Override
    CustomOp gradientOp(INDArray input, INDArray gradOutput, INDArray gradInput) {
        return new SigmoidDerivative(input, gradOutput, gradInput);
    }
}
