package io.trainyard.engine.training;

import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's start (0.6-0.8 s: libnd4j's loading and ND4J's classes, all on one core) on a thread of its own. A command
 * that computes begins it as soon as the command line names it, so that it overlaps the store's opening, the
 * plugins, the experiment file and the data; the training thread waits for it only before it builds the model.
 */
@Singleton
public final class NativeStart {

    private CompletableFuture<Void> started;

    /** Begins ND4J's start on another thread, the first time; later calls do nothing. */
    public synchronized void begin() {
        if (started == null) {
            started = CompletableFuture.runAsync(Nd4j::getBackend);
        }
    }

    /** Waits until ND4J has started, beginning its start if no one has; its failure is thrown here. */
    public void await() {
        begin();
        try {
            started.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
