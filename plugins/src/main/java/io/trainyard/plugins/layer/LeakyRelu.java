package io.trainyard.plugins.layer;

/**
 * {@code x} for positive inputs, {@code slope * x} otherwise (PyTorch LeakyReLU, default slope 0.01). A loop of its
 * own rather than libnd4j's {@code lrelu_bp}, which rounds the slope to float and so misses PyTorch's float64
 * gradient in the eighth digit.
 */
public final class LeakyRelu extends HostLayer {

    private final double slope;

    public LeakyRelu(double slope) {
        this.slope = slope;
    }

    @Override
    public String describe() {
        return "LeakyReLU(" + slope + ")";
    }

    @Override
    void forward(double[] input, double[] output, int rows, int columns, boolean training) {
        for (int i = 0; i < rows * columns; i++) {
            output[i] = input[i] > 0 ? input[i] : slope * input[i];
        }
    }

    @Override
    void backward(double[] input, double[] output, double[] gradOutput, double[] gradInput, int rows, int columns) {
        if (gradInput == null) {
            return;
        }
        for (int i = 0; i < rows * columns; i++) {
            gradInput[i] = input[i] > 0 ? gradOutput[i] : slope * gradOutput[i];
        }
    }
}
