package io.trainyard.plugins.layer;

import io.trainyard.api.model.Layer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reshapes {@code [batch, d1, d2, ...]} to {@code [batch, d1 * d2 * ...]} as a view, copying nothing. The view is made
 * once per input buffer, and returned again whenever that buffer comes back (the next batch of its size, or the next
 * epoch's): the layer after binds its work to it.
 */
public final class Flatten implements Layer {

    private final BoundPasses<Views> views = new BoundPasses<>(Views::new);

    @Override
    public String describe() {
        return "Flatten";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return new long[] {length(inputShape)};
    }

    /** The number of values in one sample of the given shape. */
    public static long length(long[] sampleShape) {
        return Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        return views.forward(input);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        return views.backward(gradOutput, inputGradient);
    }

    /** An input buffer's flat view, and its gradient buffer's view in the input's shape. */
    private static final class Views implements BoundPasses.Pass {

        private final INDArray input;
        private final INDArray output;
        private INDArray gradOutput;
        private INDArray gradInput;

        Views(INDArray input) {
            this.input = input;
            this.output = input.reshape(input.size(0), input.length() / input.size(0));
        }

        @Override
        public INDArray forward() {
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean inputGradient) {
            if (!inputGradient) {
                return null;
            }
            if (gradOutput != this.gradOutput) {
                this.gradOutput = gradOutput;
                this.gradInput = gradOutput.reshape(input.shape());
            }
            return gradInput;
        }
    }
}
