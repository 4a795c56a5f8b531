package io.trainyard.plugins.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.factory.Nd4j;

/** {@code x} for positive inputs, {@code slope * x} otherwise (PyTorch LeakyReLU, default slope 0.01). */
public final class LeakyRelu extends Activation {

    private final double slope;

    public LeakyRelu(double slope) {
        super("LeakyReLU(" + slope + ")");
        this.slope = slope;
    }

    @Override
    void apply(INDArray input, INDArray output) {
        Nd4j.exec(new LeakyReLU(input, output, slope));
    }

    @Override
    CustomOp gradientOp(INDArray input, INDArray gradOutput, INDArray gradInput) {
        return new LeakyReLUBp(input, gradOutput, gradInput, slope);
    }
}
