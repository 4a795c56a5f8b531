package io.trainyard.plugins.layer;

import io.trainyard.api.model.BoundOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;

/** {@code tanh(x)} element-wise; the gradient is {@code (1 - tanh(x)^2) * gradOutput}. */
public final class Tanh extends Activation {

    public Tanh() {
        super("Tanh", true);
    }

    @Override
    Runnable function(INDArray input, INDArray output) {
        return bound(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(input, output));
    }

    @Override
    Runnable gradient(INDArray input, INDArray output, INDArray gradOutput, INDArray gradInput) {
        return BoundOp.of(new TanhDerivative(input, gradOutput, gradInput), gradInput, input, gradOutput)::run;
    }
}
