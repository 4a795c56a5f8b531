package io.trainyard.plugins.layer;

import io.trainyard.api.parallel.Halves;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Work split over the two halves of a batch ({@link Halves}). libnd4j runs convolution and pooling on the calling
 * thread alone (the engine gives OpenMP one thread: its spinning threads slowed every other op on a small machine), so
 * halving the batch is how those layers use a second core. A layer computes the same two halves whether they run
 * together or one after the other, so its results do not depend on the thread count.
 */
final class BatchHalves {

    private BatchHalves() {
    }

    /** A batch part: the view of any batch-sized array that covers this part's samples. */
    interface Part {

        INDArray of(INDArray batch);
    }

    /**
     * Binds {@code work} to each part of a batch of {@code batch} samples: two halves (the first the larger), or the
     * whole batch when it is a single sample or {@code split} is false.
     *
     * @param threads the run's thread budget the layer was given ({@code Layer#useThreads}), or 0 if it was not (then
     *     the parts run one after the other)
     */
    static Halves split(long batch, boolean split, int threads, Function<Part, Runnable> work) {
        if (!split || batch < 2) {
            return Halves.whole(work.apply(whole -> whole));
        }
        long first = (batch + 1) / 2;
        return Halves.of(threads, work.apply(whole -> whole.get(NDArrayIndex.interval(0, first))),
                work.apply(whole -> whole.get(NDArrayIndex.interval(first, batch))));
    }
}
