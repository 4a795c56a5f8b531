package io.trainyard.plugins.layer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    private BatchHalves() {
    }

    /** A batch part: the view of any batch-sized array that covers this part's samples. */
    interface Part {

        INDArray of(INDArray batch);
    }

    /** Work bound to each part of a batch once, run every batch. */
    static final class Split {

        private final Runnable[] parts;
        private final boolean concurrent;

        private Split(Runnable[] parts, boolean concurrent) {
            this.parts = parts;
            this.concurrent = concurrent;
        }

        /** Runs every part, both halves at once when the run has two threads; returns when all have ended. */
        void run() {
            if (parts.length == 1) {
                parts[0].run();
            } else {
                BatchHalves.run(concurrent, parts[0], parts[1]);
            }
        }
    }

    /**
     * Binds {@code work} to each part of a batch of {@code batch} samples: two halves (the first the larger), or the
     * whole batch when it is a single sample or {@code split} is false.
     *
     * @param threads the run's thread budget the layer was given ({@code Layer#useThreads}), or 0 if it was not (then
     *     the parts run one after the other)
     */
    static Split split(long batch, boolean split, int threads, Function<Part, Runnable> work) {
        if (!split || batch < 2) {
            return whole(work.apply(whole -> whole));
        }
        long first = (batch + 1) / 2;
        return of(threads, work.apply(whole -> whole.get(NDArrayIndex.interval(0, first))),
                work.apply(whole -> whole.get(NDArrayIndex.interval(first, batch))));
    }

    /** Two parts of any other split of a layer's work, run at once when the budget has two threads. */
    static Split of(int threads, Runnable first, Runnable second) {
        return new Split(new Runnable[] {first, second}, threads >= 2);
    }

    /** Work that is not split. */
    static Split whole(Runnable work) {
        return new Split(new Runnable[] {work}, false);
    }

    /**
     * Runs {@code first} here and {@code second} on the helper, when {@code concurrent}; returns when both ended.
     * A failure of either reaches the caller, the first half's when both fail.
     */
    static void run(boolean concurrent, Runnable first, Runnable second) {
        Helper helper = concurrent ? Helper.INSTANCE : null;
        if (helper == null || !helper.busy.compareAndSet(false, true)) {
            first.run();
            second.run();
            return;
        }
        try {
            helper.start(second);
            try {
                first.run();
            } catch (RuntimeException | Error e) {
                helper.await();
                throw e;
            }
            Throwable failure = helper.await();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw (Error) failure;
            }
        } finally {
            helper.busy.set(false);
        }
    }

    /** The helper thread, started the first time two halves run at once. */
    private static final class Helper implements Runnable {

        static final Helper INSTANCE = new Helper();

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
