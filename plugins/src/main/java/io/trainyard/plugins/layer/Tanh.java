package io.trainyard.plugins.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code tanh(x)} element-wise; the gradient is {@code (1 - tanh(x)^2) * gradOutput}. */
public final class Tanh extends Activation {

    public Tanh() {
        super("Tanh");
    }

    @Override
    void apply(INDArray input, INDArray output) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(input, output));
    }

    @Override
    CustomOp gradientOp(INDArray input, INDArray gradOutput, INDArray gradInput) {
        return new TanhDerivative(input, gradOutput, gradInput);
    }
}
