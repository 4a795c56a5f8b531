package io.trainyard.plugins.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's ops bound to each input buffer it meets. The training loop hands a layer the same few buffers every
 * epoch (one per batch size), so binding once per buffer makes every later batch allocation-free.
 */
final class BoundPasses<P extends BoundPasses.Pass> {

    /** The forward and backward work of a layer, bound to one input buffer and its derived buffers. */
    interface Pass {

        INDArray input();

        INDArray forward();

        INDArray backward(INDArray gradOutput, boolean inputGradient);
    }

    /** Training meets the full batch, the last partial batch and the evaluation batch; keep a spare. */
    private static final int CAPACITY = 4;

    private final Function<INDArray, P> binder;
    private final List<P> passes = new ArrayList<>(CAPACITY);
    private P current;

    BoundPasses(Function<INDArray, P> binder) {
        this.binder = binder;
    }

    INDArray forward(INDArray input) {
        current = passFor(input);
        return current.forward();
    }

    INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (current == null) {
            throw new IllegalStateException("backward before forward");
        }
        return current.backward(gradOutput, inputGradient);
    }

    private P passFor(INDArray input) {
        for (P candidate : passes) {
            if (candidate.input() == input) {
                return candidate;
            }
        }
        if (passes.size() == CAPACITY) {
            passes.remove(0);
        }
        P created = binder.apply(input);
        passes.add(created);
        return created;
    }
}
