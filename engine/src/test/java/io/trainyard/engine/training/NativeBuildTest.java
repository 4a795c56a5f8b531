package io.trainyard.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeBuildTest {

    @Test
    void theOneDnnBuildNeedsBothAvx2AndFma() {
        assertTrue(NativeBuild.supportsOneDnn(" fpu vme sse4_2 avx fma avx2 bmi2 "));
        assertFalse(NativeBuild.supportsOneDnn("fpu sse4_2 avx fma"), "no AVX2");
        assertFalse(NativeBuild.supportsOneDnn("fpu avx avx2"), "no FMA");
        assertFalse(NativeBuild.supportsOneDnn("avx2fma avx512"), "whole flags only");
        assertFalse(NativeBuild.supportsOneDnn(""), "no cpuinfo: the plain build");
    }

    @Test
    void theTestsRunOnTheBuildTheEngineChoosesHere() {
        // surefire names the oneDNN build, as NativeBuild.select() does on this kind of processor (AVX2 and FMA).
        assertEquals("onednn", NativeBuild.loaded());
    }
}
