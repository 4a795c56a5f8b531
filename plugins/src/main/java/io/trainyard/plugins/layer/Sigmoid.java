package io.trainyard.plugins.layer;

import io.trainyard.api.model.BoundOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;

/** {@code 1 / (1 + exp(-x))} element-wise; the gradient is {@code s (1 - s) * gradOutput}. */
public final class Sigmoid extends Activation {

    public Sigmoid() {
        super("Sigmoid", true);
    }

    @Override
    Runnable function(INDArray input, INDArray output) {
        return bound(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(input, output));
    }

    @Override
    Runnable gradient(INDArray input, INDArray output, INDArray gradOutput, INDArray gradInput) {
        return BoundOp.of(new SigmoidDerivative(input, gradOutput, gradInput), gradInput, input, gradOutput)::run;
    }
}
