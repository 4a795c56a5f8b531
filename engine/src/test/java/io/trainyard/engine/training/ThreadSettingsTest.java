package io.trainyard.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ThreadSettingsTest {

    private final int blasThreads = Nd4j.factory().blas().getMaxThreads();

    @AfterEach
    void restoreThreads() {
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }

    /** Whatever BLAS had (ND4J's default is a thread per core); RunCommandTest shows what depends on it. */
    @Test
    void blasRunsOnOneThread() {
        Nd4j.factory().blas().setMaxThreads(2);
        ThreadSettings.apply();
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    }
}
