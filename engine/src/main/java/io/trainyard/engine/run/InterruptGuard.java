package io.trainyard.engine.run;

import io.trainyard.engine.training.ActiveRun;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C or SIGTERM during a run into a KILLED run with every finished epoch recorded. The JVM's shutdown hook
 * flags the run; the trainer sees the flag after the current batch and ends the run through the normal hooks, on
 * its own thread; the hook waits for that before letting the JVM exit. If the trainer does not get there in time
 * (stuck in native code), the fallback records the status directly. Either way the hook then closes the store, so
 * the database file is complete on disk before the JVM halts.
 */
final class InterruptGuard implements AutoCloseable {

    private final Thread hook;
    private final CountDownLatch ended = new CountDownLatch(1);

    InterruptGuard(ActiveRun run, Duration patience, Runnable fallback, Runnable closeStore) {
        this.hook = new Thread(() -> {
            run.interrupt();
            try {
                if (!ended.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                    fallback.run();
                }
            } catch (InterruptedException e) {
                fallback.run();
            } finally {
                closeStore.run();
            }
        }, "trainyard-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run has ended and is recorded; a later shutdown has nothing to wait for. */
    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running and returns as soon as it sees the latch.
        }
    }
}
