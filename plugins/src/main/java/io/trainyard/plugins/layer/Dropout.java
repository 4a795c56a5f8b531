package io.trainyard.plugins.layer;

import java.util.SplittableRandom;

/**
 * Inverted dropout as in PyTorch: in training each value is zeroed with probability {@code p} and the survivors
 * are scaled by {@code 1/(1-p)}, so evaluation is the identity. The mask comes from the layer's own seeded stream.
 */
public final class Dropout extends HostLayer {

    private final double probability;
    private final SplittableRandom random;
    /** Each value's factor in the last training forward: 0 or 1/(1-p). */
    private double[] mask = new double[0];

    public Dropout(double probability, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + probability);
        }
        this.probability = probability;
        this.random = new SplittableRandom(seed);
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
        for (int i = 0; i < length; i++) {
            mask[i] = random.nextDouble() < probability ? 0 : scale;
            output[i] = input[i] * mask[i];
        }
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
