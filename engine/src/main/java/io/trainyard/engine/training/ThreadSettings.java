package io.trainyard.engine.training;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's thread counts: one BLAS thread and one OpenMP thread, whatever the run's thread budget; the budget goes to
 * the layers that run each batch's halves at once ({@code Layer#useThreads}). OpenBLAS splits a GEMM's work by its
 * thread count and the split changes the last bits (a 64x512 by 512x10 GEMM, measured), so a run's results would
 * depend on {@code threads} and on the machine's cores. One thread costs no speed: with ND4J's OpenMP pool at one
 * thread (more oversubscribes the cores against BLAS's) every GEMM already ran on one core, and BLAS's second thread
 * only slowed its level-1 calls and spun in {@code sched_yield} between GEMMs.
 */
public final class ThreadSettings {

    /** The threads of BLAS and of ND4J's own ops, each. */
    public static final int NATIVE_THREADS = 1;

    private ThreadSettings() {
    }

    /** Gives BLAS and ND4J's own ops one thread each, on the calling thread (OpenMP's count is per thread). */
    public static void apply() {
        Nd4j.factory().blas().setMaxThreads(NATIVE_THREADS);
        Nd4j.getEnvironment().setMaxThreads(NATIVE_THREADS);
        Nd4j.getEnvironment().setMaxMasterThreads(NATIVE_THREADS);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(NATIVE_THREADS);
    }

    /** A description of the BLAS library for run records. */
    public static String blasVendor() {
        return String.valueOf(Nd4j.factory().blas().getBlasVendor());
    }
}
