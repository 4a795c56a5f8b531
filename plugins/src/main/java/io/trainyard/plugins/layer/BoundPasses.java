package io.trainyard.plugins.layer;

import io.trainyard.plugins.host.PerBuffer;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A layer's ops bound to each input buffer it meets, so that every batch after the first runs allocation-free. */
final class BoundPasses<P extends BoundPasses.Pass> {

    /** The forward and backward work of a layer, bound to one input buffer and its derived buffers. */
    interface Pass {

        INDArray forward();

        INDArray backward(INDArray gradOutput, boolean inputGradient);
    }

    /** Training meets the full batch, the last partial batch and the evaluation batch; keep a spare. */
    private static final int CAPACITY = 4;

    private final PerBuffer<P> passes;
    private P current;

    BoundPasses(Function<INDArray, P> binder) {
        this.passes = new PerBuffer<>(CAPACITY, binder);
    }

    INDArray forward(INDArray input) {
        current = passes.get(input);
        return current.forward();
    }

    INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (current == null) {
            throw new IllegalStateException("backward before forward");
        }
        return current.backward(gradOutput, inputGradient);
    }
}
