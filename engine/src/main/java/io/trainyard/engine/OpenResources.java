package io.trainyard.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/** Resources the engine opened for one command (the database), closed in reverse order when the command ends. */
public final class OpenResources implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    public synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception ignored) {
                // Closing at the end of a command: the next resource must still be closed.
            }
        }
    }
}
