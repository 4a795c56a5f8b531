package io.trainyard.testkit;

import org.bytedeco.javacpp.Pointer;

/** Native memory that ND4J allocates through JavaCPP, to show that a warmed-up hot path allocates none. */
final class NativeMemory {

    private NativeMemory() {
    }

    /**
     * Growth of JavaCPP's allocated bytes while {@code action} runs. A concurrent free by the garbage collector can
     * hide an allocation, never invent one, so a positive result is always a real allocation.
     */
    static long growthDuring(Runnable action) {
        long before = Pointer.totalBytes();
        action.run();
        return Pointer.totalBytes() - before;
    }
}
