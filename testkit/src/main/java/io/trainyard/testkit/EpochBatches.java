package io.trainyard.testkit;

import java.util.function.IntConsumer;

/**
 * The batches the trainer hands a model every epoch, each in a buffer of its own: the full batch, the last partial
 * batch and the evaluation batch. Once it has met each, a layer or a model allocates nothing.
 */
final class EpochBatches {

    private EpochBatches() {
    }

    /** The three batch sizes, from the full batch's. */
    static long[] sizes(long full) {
        return new long[] {full, full + 1, full + 3};
    }

    /**
     * Runs {@code step} for each batch in turn, so that each is met, then twice more in turn while native memory is
     * measured; returns its growth (see {@link NativeMemory#growthDuring}).
     */
    static long growthOnceMet(int batches, IntConsumer step) {
        for (int i = 0; i < batches; i++) {
            step.accept(i);
        }
        return NativeMemory.growthDuring(() -> {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < batches; i++) {
                    step.accept(i);
                }
            }
        });
    }
}
