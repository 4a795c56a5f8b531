package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Layer;
import io.trainyard.api.parallel.Halves;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An element-wise function without parameters: same shape out as in, buffers reused per batch size. Subclasses
 * bind ND4J's ops for the function and its gradient once per set of buffers (the training loop passes the same ones
 * every batch, and again every epoch: {@link BoundPasses} keeps each size's), so neither pass allocates. Batches of
 * at least {@link Halves#ELEMENTWISE_FROM} values run their gradient, and the function unless it is cheap, as two
 * halves of the batch at once ({@link BatchHalves}); below that the hand-over costs more than the half saves.
 */
abstract class Activation implements Layer {

    private final String name;
    private final boolean forwardInHalves;
    private int threads;
    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    private final BoundPasses<Pass> passes = new BoundPasses<>(Pass::new);

    /**
     * @param forwardInHalves whether the function, not only its gradient, is worth two halves at once: not for a
     *     function as cheap as a comparison, where the hand-over costs more than half of the work
     */
    Activation(String name, boolean forwardInHalves) {
        this.name = name;
        this.forwardInHalves = forwardInHalves;
    }

    /** Writes {@code f(input)} into {@code output} each time it runs. */
    abstract Runnable function(INDArray input, INDArray output);

    /**
     * Writes {@code f'(input) * gradOutput} into {@code gradInput} each time it runs; {@code output} holds
     * {@code f(input)}, from the forward pass.
     */
    abstract Runnable gradient(INDArray input, INDArray output, INDArray gradOutput, INDArray gradInput);

    /** A legacy ND4J op bound once to its arrays: building one per call took longer than running it. */
    static Runnable bound(Op op) {
        return () -> Nd4j.exec(op);
    }

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
        return passes.forward(input);
    }

    @Override
    public final INDArray backward(INDArray gradOutput, boolean inputGradient) {
        return passes.backward(gradOutput, inputGradient);
    }

    /** The gradient of a large batch runs as two halves at once when the budget has two threads. */
    @Override
    public final void useThreads(int threads) {
        this.threads = threads;
    }

    private Halves split(INDArray input, boolean halves, Function<BatchHalves.Part, Runnable> work) {
        return BatchHalves.split(input.size(0), halves && input.length() >= Halves.ELEMENTWISE_FROM, threads, work);
    }

    /** The function bound to one input buffer and its output, and the gradient to its gradient buffer. */
    private final class Pass implements BoundPasses.Pass {

        private final INDArray input;
        private final INDArray output;
        private final Halves apply;
        private INDArray gradOutput;
        private INDArray gradInput;
        private Halves gradient;

        Pass(INDArray input) {
            this.input = input;
            this.output = outputs.like(input);
            this.apply = split(input, forwardInHalves, part -> function(part.of(input), part.of(output)));
        }

        @Override
        public INDArray forward() {
            apply.run();
            return output;
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean inputGradient) {
            if (!inputGradient) {
                return null;
            }
            if (gradOutput != this.gradOutput) {
                this.gradOutput = gradOutput;
                gradInput = inputGradients.like(gradOutput);
                gradient = split(input, true, part -> gradient(part.of(input), part.of(output), part.of(gradOutput),
                        part.of(gradInput)));
            }
            gradient.run();
            return gradInput;
        }
    }
}
