package io.trainyard.engine.training;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.Inflater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's start (0.6-0.8 s: libnd4j's loading and ND4J's classes, all on one core) on a thread of its own. A command
 * that computes begins it as soon as the command line names it, so that it overlaps the store's opening, the
 * plugins, the experiment file and the data; the training thread waits for it only before it builds the model.
 *
 * <p>JavaCPP, as ND4J loads, looks symbols up by calling {@code dlopen} inside a {@code dl_iterate_phdr} callback:
 * it takes glibc's two loader locks in the opposite order to {@code dlopen}, so a native library that another thread
 * loads meanwhile deadlocks both threads for good (seen twice in about 300 starts: the store's server loading the JDK's
 * {@code libextnet} while ND4J started; LWJGL issue 1148 is the same fault). The JDK's native libraries that the rest
 * of a command's start would load are therefore loaded before ND4J's start leaves the calling thread.
 */
@Singleton
public final class NativeStart {

    private CompletableFuture<Void> started;

    /** Begins ND4J's start on another thread, the first time; later calls do nothing. */
    public synchronized void begin() {
        if (started == null) {
            loadJdkLibraries();
            started = CompletableFuture.runAsync(Nd4j::getBackend);
        }
    }

    /**
     * The JDK's native libraries that a command loads as it starts: libnet, then libextnet (the store's server),
     * libjimage (the first resource looked for among the JDK's own modules, as a service loader does) and libzip
     * (the first inflated bytes: a jar's entry, a compressed dataset).
     */
    private static void loadJdkLibraries() {
        InetAddress.getLoopbackAddress();
        jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE.name();
        ClassLoader.getSystemResource("java/lang/Object.class");
        new Inflater().end();
    }

    /** Whether ND4J's start has begun (it may have ended). */
    public synchronized boolean begun() {
        return started != null;
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
