package io.trainyard.plugins.layer;

/**
 * Whether ND4J's native library is its oneDNN build ({@code nd4j-native} classifier {@code
 * linux-x86_64-onednn-avx2}), whose convolution and pooling kernels beat anything built here from GEMMs. The engine
 * chooses the build by the processor and names it in JavaCPP's platform extension before ND4J loads; without that
 * choice the layers take the kernels that are right on every build.
 */
final class OneDnn {

    private OneDnn() {
    }

    static boolean active() {
        return System.getProperty("org.bytedeco.javacpp.platform.extension", "").contains("onednn");
    }
}
