package io.trainyard.engine.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Which build of ND4J's native library this process loads: the oneDNN build (oneDNN's convolution, pooling and
 * matrix kernels; 1.6 times as fast on the CNN example) where the processor has AVX2 and FMA, the plain build
 * otherwise. Left to itself, JavaCPP loads the oneDNN build wherever its jar is on the class path, and on a
 * processor without AVX2 the process would die at the first such instruction.
 */
public final class NativeBuild {

    /** JavaCPP's system property naming the variant of the native libraries to load; empty means the plain one. */
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    private static final String ONEDNN = "-onednn-avx2";

    private NativeBuild() {
    }

    /**
     * Chooses the build by the processor, unless the user chose one ({@code -Dorg.bytedeco.javacpp.platform.extension=}
     * for the plain build). Must run before ND4J loads ({@link NativeStart} runs it first); later it changes nothing.
     */
    public static void select() {
        if (System.getProperty(PLATFORM_EXTENSION) == null) {
            System.setProperty(PLATFORM_EXTENSION, supportsOneDnn(cpuFlags()) && oneDnnPresent() ? ONEDNN : "");
        }
    }

    /** Whether a processor with these feature flags (as {@code /proc/cpuinfo} lists them) runs the oneDNN build. */
    static boolean supportsOneDnn(String flags) {
        var present = Arrays.asList(flags.trim().split("\\s+"));
        return present.contains("avx2") && present.contains("fma");
    }

    /** Whether the oneDNN build's jar is on the class path (it is published for linux-x86_64 only). */
    private static boolean oneDnnPresent() {
        return NativeBuild.class.getClassLoader().getResource("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64"
                + ONEDNN + "/") != null;
    }

    private static String cpuFlags() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1)).orElse("");
        } catch (IOException | RuntimeException e) {
            return ""; // not Linux, or no cpuinfo: the plain build runs everywhere
        }
    }

    /** The loaded build, for run records: {@code onednn} or {@code plain}. */
    public static String loaded() {
        Nd4j.getBackend(); // NativeOpsHolder reads its configuration from the loaded backend
        return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN") ? "onednn"
                : "plain";
    }
}
