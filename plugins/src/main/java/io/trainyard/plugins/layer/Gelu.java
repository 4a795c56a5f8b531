package io.trainyard.plugins.layer;

/**
 * PyTorch's {@code GELU}: {@code x Φ(x)} with the exact normal CDF {@code Φ(x) = (1 + erf(x / √2)) / 2}, or with
 * {@code approximate = "tanh"} the form {@code x/2 (1 + tanh(√(2/π) (x + 0.044715 x³)))}.
 */
public final class Gelu extends HostLayer {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double CUBIC = 0.044715;

    private final boolean tanh;

    /** @param tanh whether to use the tanh approximation instead of the exact error function */
    public Gelu(boolean tanh) {
        this.tanh = tanh;
    }

    @Override
    public String describe() {
        return tanh ? "GELU(tanh)" : "GELU";
    }

    @Override
    void forward(double[] input, double[] output, int rows, int columns, boolean training) {
        int length = rows * columns;
        for (int i = 0; i < length; i++) {
            double x = input[i];
            output[i] = tanh ? 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + CUBIC * x * x * x)))
                    : 0.5 * x * (1 + Erf.erf(x * SQRT_HALF));
        }
    }

    @Override
    void backward(double[] input, double[] output, double[] gradOutput, double[] gradInput, int rows, int columns) {
        if (gradInput == null) {
            return;
        }
        int length = rows * columns;
        for (int i = 0; i < length; i++) {
            double x = input[i];
            double derivative;
            if (tanh) {
                double t = Math.tanh(SQRT_2_OVER_PI * (x + CUBIC * x * x * x));
                derivative = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * CUBIC * x * x);
            } else {
                derivative = 0.5 * (1 + Erf.erf(x * SQRT_HALF)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
            }
            gradInput[i] = gradOutput[i] * derivative;
        }
    }
}
