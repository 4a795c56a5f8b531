package io.trainyard.plugins.layer;

import java.util.List;

/**
 * Inverted dropout as in PyTorch: in training each value is zeroed with probability {@code p} and the survivors
 * are scaled by {@code 1/(1-p)}, so evaluation is the identity. The mask comes from the layer's own seeded stream.
 */
public final class Dropout extends HostLayer {

    private static final long GAMMA = 0x9e3779b97f4a7c15L;

    private final double probability;
    /**
     * SplitMix64's state, as two exact 32-bit halves so that {@link #state()} can hand it out (and a checkpoint
     * restore it) as doubles without touching a bit.
     */
    private final double[] generator = new double[2];
    /** Each value's factor in the last training forward: 0 or 1/(1-p). */
    private double[] mask = new double[0];

    public Dropout(double probability, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + probability);
        }
        this.probability = probability;
        store(seed);
    }

    /** The generator's state, so that a resumed run draws the masks the uninterrupted one would have. */
    @Override
    public List<double[]> state() {
        return List.of(generator);
    }

    @Override
    public String describe() {
        return "Dropout(" + probability + ")";
    }

    @Override
    boolean isIdentity(boolean training) {
        return !training || probability == 0;
    }

    @Override
    void forward(double[] input, double[] output, int rows, int columns, boolean training) {
        double scale = probability == 1 ? 0 : 1 / (1 - probability);
        int length = rows * columns;
        if (mask.length < length) {
            mask = new double[length];
        }
        long state = (long) generator[0] << 32 | (long) generator[1];
        for (int i = 0; i < length; i++) {
            state += GAMMA;
            mask[i] = uniform(state) < probability ? 0 : scale;
            output[i] = input[i] * mask[i];
        }
        store(state);
    }

    /** SplitMix64: a uniform double in [0, 1) from the advanced state. */
    private static double uniform(long state) {
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    private void store(long state) {
        generator[0] = state >>> 32;
        generator[1] = state & 0xffffffffL;
    }

    @Override
    void backward(double[] input, double[] output, double[] gradOutput, double[] gradInput, int rows, int columns) {
        if (gradInput == null) {
            return;
        }
        int length = rows * columns;
        for (int i = 0; i < length; i++) {
            gradInput[i] = gradOutput[i] * mask[i];
        }
    }
}
