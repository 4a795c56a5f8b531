package io.trainyard.engine.training;

import io.trainyard.api.model.Model;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's thread counts. By default ND4J runs OpenMP threads for element-wise ops and BLAS threads for GEMM, one per
 * core each, which oversubscribes a small machine two to three times over. The GEMMs are where the time goes, so
 * they get the thread budget; element-wise ops on batch-sized arrays are too small to gain from threads.
 */
public final class ThreadSettings {

    private ThreadSettings() {
    }

    /** Gives BLAS {@code threads} threads and ND4J's own ops one. */
    public static void apply(int threads) {
        Nd4j.factory().blas().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    /**
     * Offers the model the thread budget. A model whose layers run parts of each batch on threads of their own takes
     * it, and BLAS gets a single thread: its idle worker spun in {@code sched_yield} between GEMMs for a third of a
     * CNN epoch's CPU time, against the layers' threads.
     */
    public static void offer(Model model, int threads) {
        if (model.takeThreads(threads)) {
            Nd4j.factory().blas().setMaxThreads(1);
        }
    }

    /** A description of the BLAS library for run records. */
    public static String blasVendor() {
        return String.valueOf(Nd4j.factory().blas().getBlasVendor());
    }
}
