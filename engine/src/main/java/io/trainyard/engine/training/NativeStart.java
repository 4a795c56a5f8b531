package io.trainyard.engine.training;

import io.trainyard.api.model.BoundOp;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.Inflater;
import org.nd4j.common.config.ND4JSystemProperties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
            started = new CompletableFuture<>();
            Thread thread = new Thread(this::start, "trainyard-nd4j-start");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void start() {
        try {
            // Here, not as the process starts: its class path search (40 ms) is then no longer every command's.
            NativeBuild.select();
            quietStart();
            Nd4j.getBackend();
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            return;
        }
        started.complete(null); // which wakes whoever waits, before the first product below
        try {
            firstProduct();
        } catch (RuntimeException | LinkageError e) {
            // Only a head start: the training thread's own first product meets whatever is wrong, and reports it.
        }
    }

    /**
     * Spares ND4J its start-up report (backend, cores, memory, BLAS vendor), which the logging level (warn) discards
     * anyway: gathering it asked the native library for its figures and made the process's first formatted number,
     * whose locale data took 25-80 ms of this thread, on which the first batch waits. A user who sets it keeps it.
     */
    private static void quietStart() {
        if (System.getProperty(ND4JSystemProperties.LOG_INITIALIZATION) == null) {
            System.setProperty(ND4JSystemProperties.LOG_INITIALIZATION, "false");
        }
    }

    /**
     * A first matrix product, once ND4J has started and the thread that trains has been told so. libnd4j's first
     * product costs 40-45 ms of set-up whatever its size (a second one 0.1 ms); the first batch used to pay it, and
     * now this thread does while the training thread builds the model and records the run.
     */
    private static void firstProduct() {
        INDArray square = Nd4j.ones(DataType.FLOAT, 2, 2);
        BoundOp.gemm(square, square, Nd4j.zeros(DataType.FLOAT, 2, 2), false, false, 1.0, 0.0).run();
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
