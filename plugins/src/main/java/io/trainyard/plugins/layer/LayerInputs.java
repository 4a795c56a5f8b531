package io.trainyard.plugins.layer;

import java.util.Arrays;

/** The input shapes the built-in layer factories accept, checked with messages that say how to fix the model. */
final class LayerInputs {

    private LayerInputs() {
    }

    /** The feature count of a flat input. */
    static long flat(String layer, long[] shape) {
        if (shape.length != 1) {
            throw new IllegalArgumentException(layer + " needs flat inputs, got shape " + Arrays.toString(shape)
                    + "; add flatten before it");
        }
        return shape[0];
    }

    /** The channel count of a {@code [channels, height, width]} input. */
    static int channels(String layer, long[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException(layer + " needs [channels, height, width] inputs, got "
                    + Arrays.toString(shape));
        }
        return Math.toIntExact(shape[0]);
    }
}
