package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.BoundOp;
import io.trainyard.api.model.Layer;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;

/**
 * An element-wise function without parameters: same shape out as in, buffers reused per batch size. Subclasses
 * name ND4J's op for the function and its gradient op; the gradient op is bound once per pair of buffers (the
 * training loop passes the same two every batch), so backward allocates nothing. Batches of at least
 * {@link #HALVES_FROM} values (a convolutional network's feature maps) run as two halves at once
 * ({@link BatchHalves}); below that the hand-over costs more than the half saves.
 */
abstract class Activation implements Layer {

    static final long HALVES_FROM = 1 << 16;

    private final String name;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private INDArray input;
    private INDArray output;
    private BatchHalves.Split apply;
    private INDArray boundInput;
    private INDArray boundGradOutput;
    private INDArray gradInput;
    private BatchHalves.Split gradient;

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
        if (input != this.input) {
            this.input = input;
            output = outputs.like(input);
            apply = split(input, part -> {
                INDArray in = part.of(input);
                INDArray out = part.of(output);
                return () -> apply(in, out);
            });
        }
        apply.run();
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
            gradient = split(input, part -> {
                INDArray in = part.of(input);
                INDArray dy = part.of(gradOutput);
                INDArray dx = part.of(gradInput);
                return BoundOp.of(gradientOp(in, dy, dx), dx, in, dy)::run;
            });
        }
        gradient.run();
        return gradInput;
    }

    private static BatchHalves.Split split(INDArray input, Function<BatchHalves.Part, Runnable> work) {
        return BatchHalves.split(input.size(0), input.length() >= HALVES_FROM, work);
    }
}
