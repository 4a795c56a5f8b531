package io.trainyard.engine.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work begun on a daemon thread of its own, so that the command's thread goes on meanwhile: on two cores, what the
 * first batch waits for is the command's thread, and the other core has time to spare while it starts.
 */
public final class Background {

    private Background() {
    }

    /** Starts {@code work} on a new daemon thread named {@code threadName}; its result, or its failure, follows. */
    public static <T> CompletableFuture<T> supply(String threadName, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
