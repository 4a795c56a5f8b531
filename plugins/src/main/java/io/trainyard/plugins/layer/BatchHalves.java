package io.trainyard.plugins.layer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Work split over the two halves of a batch, run at once when the run has two threads: the calling thread takes the
 * first half, one helper thread the second. libnd4j runs convolution and pooling on the calling thread alone (the
 * engine gives OpenMP one thread: its spinning threads slowed every other op on a small machine), so halving the
 * batch is how those layers use a second core. A layer computes the same two halves whether they run together or
 * one after the other, so its results do not depend on the thread count.
 *
 * <p>The helper is one daemon thread for the process, taken by one caller at a time; a caller that finds it busy
 * runs both halves itself. Handing over allocates nothing: the helper spins briefly after each half (consecutive
 * layers hand over within microseconds) and then parks.
 */
final class BatchHalves {

    private static final long HELPER_SPIN_NANOS = 20_000;
    private static final long CALLER_SPIN_NANOS = 1_000_000;
    private static final Helper HELPER = new Helper();

    private BatchHalves() {
    }

    /** How many parts a batch of {@code batch} samples is split into: two, unless it is a single sample. */
    static int parts(long batch) {
        return batch > 1 ? 2 : 1;
    }

    /** Part {@code part} of {@code parts} along the batch axis (the first), as a view; the first part the larger. */
    static INDArray part(INDArray batch, int part, int parts) {
        if (parts == 1) {
            return batch;
        }
        long size = batch.size(0);
        long first = (size + 1) / 2;
        return part == 0 ? batch.get(NDArrayIndex.interval(0, first)) : batch.get(NDArrayIndex.interval(first, size));
    }

    /** Whether the run's thread budget (BLAS's thread count, which the engine sets from {@code threads}) has two. */
    static boolean concurrent() {
        return Nd4j.factory().blas().getMaxThreads() >= 2;
    }

    /** Runs one part of a batch, or both halves at once when {@code concurrent}; returns when all have ended. */
    static void run(boolean concurrent, Runnable[] parts) {
        if (parts.length == 1) {
            parts[0].run();
        } else {
            run(concurrent, parts[0], parts[1]);
        }
    }

    /**
     * Runs {@code first} here and {@code second} on the helper, when {@code concurrent}; returns when both ended.
     * A failure of either reaches the caller, the first half's when both fail.
     */
    static void run(boolean concurrent, Runnable first, Runnable second) {
        if (!concurrent || !HELPER.busy.compareAndSet(false, true)) {
            first.run();
            second.run();
            return;
        }
        try {
            HELPER.start(second);
            try {
                first.run();
            } catch (RuntimeException | Error e) {
                HELPER.await();
                throw e;
            }
            Throwable failure = HELPER.await();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw (Error) failure;
            }
        } finally {
            HELPER.busy.set(false);
        }
    }

    private static final class Helper implements Runnable {

        final AtomicBoolean busy = new AtomicBoolean();
        private final Thread thread;
        private volatile Runnable task;
        private volatile boolean done;
        private volatile Throwable failure;
        private volatile Thread caller;

        Helper() {
            thread = new Thread(this, "trainyard-batch-halves");
            thread.setDaemon(true);
            thread.start();
        }

        void start(Runnable second) {
            failure = null;
            done = false;
            caller = Thread.currentThread();
            task = second;
            LockSupport.unpark(thread);
        }

        /** Waits for the second half to end; what it threw, or null. */
        Throwable await() {
            long start = System.nanoTime();
            while (!done) {
                if (System.nanoTime() - start < CALLER_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            return failure;
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Runnable work = task;
                if (work == null) {
                    if (System.nanoTime() - idleSince < HELPER_SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                    continue;
                }
                task = null;
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                done = true;
                LockSupport.unpark(caller);
                idleSince = System.nanoTime();
            }
        }
    }
}
