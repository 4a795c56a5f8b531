package io.trainyard.api.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Work in two parts bound once and run every batch, both at once when the run's thread budget has two threads
 * ({@code Layer#useThreads}, {@code Optimizer#useThreads}): the calling thread takes the first part, the process's one
 * helper thread the second. This is how a plugin uses a second core: the engine gives BLAS and ND4J's own ops one
 * thread each, so that results do not depend on the budget, and a plugin that splits its work the same way whatever
 * the budget (two halves of a batch, of a layer's output units, of a parameter vector) gets the same bits on one
 * thread as on two.
 *
 * <p>There is one helper for the process, taken by one caller at a time; a caller that finds it busy runs both parts
 * itself, so parts may split work further without deadlock. Handing over allocates nothing: the helper waits for a
 * millisecond after each part (a training batch hands over every few tens of microseconds) and then parks.
 * Element-wise work is worth splitting from {@link #ELEMENTWISE_FROM} values.
 */
public final class Halves {

    /**
     * The fewest values element-wise work (an activation's gradient, an optimizer's step) should have to run as two
     * halves: a hand-over to the spinning helper costs about a microsecond, and ReLU's gradient over 64 x 512 values
     * took 37 us whole and 19 us as two halves at once (16 384 values take a few microseconds).
     */
    public static final long ELEMENTWISE_FROM = 1 << 14;

    /**
     * How long the helper and a waiting caller wait before they park. A parked helper took tens of microseconds to
     * wake, paid at the first hand-over after any stretch of the caller's own work longer than the wait (the loss, a
     * batch's data, the next zeroing): with 20 us of waiting a tenth of the reference MLP's batch went to wake-ups.
     */
    private static final long SPIN_NANOS = 1_000_000;

    /**
     * How often a waiting thread yields its core to any other thread that wants it; in between it waits busy, as a
     * yield is a system call. Waiting busy all along, the two training threads kept a core from whatever else had work
     * (the thread that saves a checkpoint, the JIT compiler), and a waiter kept the other core from the very thread it
     * waited for: batches at the start of an epoch took 10-30 ms instead of 1.5-2. Yielding at every turn after the
     * first 10 us did away with that too, but made the CNN's epochs about a tenth longer.
     */
    private static final long YIELD_NANOS = 20_000;

    private final Runnable first;
    private final Runnable second;
    private final boolean concurrent;

    private Halves(Runnable first, Runnable second, boolean concurrent) {
        this.first = first;
        this.second = second;
        this.concurrent = concurrent;
    }

    /**
     * Two parts, run at once when {@code threads} (the budget the plugin was given, or 0 if it was not) is at least
     * two, else one after the other.
     */
    public static Halves of(int threads, Runnable first, Runnable second) {
        return new Halves(first, second, threads >= 2);
    }

    /** Work that is not split. */
    public static Halves whole(Runnable work) {
        return new Halves(work, null, false);
    }

    /**
     * Runs both parts and returns when both have ended. A failure of either reaches the caller, after both ended; the
     * first part's when both fail.
     */
    public void run() {
        if (second == null) {
            first.run();
            return;
        }
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

    /**
     * One turn of a wait that began at {@code start} and last yielded at {@code yielded} (both
     * {@link System#nanoTime}); returns when it last yielded.
     */
    private static long pause(long start, long yielded, Object blocker) {
        long now = System.nanoTime();
        if (now - start >= SPIN_NANOS) {
            LockSupport.park(blocker);
            return now;
        }
        if (now - yielded >= YIELD_NANOS) {
            Thread.yield();
            return now;
        }
        Thread.onSpinWait();
        return yielded;
    }

    /** The helper thread, started the first time two parts run at once. */
    private static final class Helper implements Runnable {

        static final Helper INSTANCE = new Helper();

        final AtomicBoolean busy = new AtomicBoolean();
        private final Thread thread;
        private volatile Runnable task;
        private volatile boolean done;
        private volatile Throwable failure;
        private volatile Thread caller;

        Helper() {
            thread = new Thread(this, "trainyard-halves");
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

        /** Waits for the second part to end; what it threw, or null. */
        Throwable await() {
            long start = System.nanoTime();
            long yielded = start;
            while (!done) {
                yielded = pause(start, yielded, this);
            }
            return failure;
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            long yielded = idleSince;
            while (true) {
                Runnable work = task;
                if (work == null) {
                    yielded = pause(idleSince, yielded, this);
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
                yielded = idleSince;
            }
        }
    }
}
