package io.trainyard.plugins.layer;

/**
 * PyTorch's {@code Softmax(dim=-1)} or, with {@code log = true}, {@code LogSoftmax(dim=-1)}, over each sample's
 * values; the maximum is subtracted first so large inputs cannot overflow.
 */
public final class Softmax extends HostLayer {

    private final boolean log;

    public Softmax(boolean log) {
        this.log = log;
    }

    @Override
    public String describe() {
        return log ? "LogSoftmax" : "Softmax";
    }

    @Override
    void forward(double[] input, double[] output, int rows, int columns, boolean training) {
        for (int row = 0; row < rows; row++) {
            int start = row * columns;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = start; i < start + columns; i++) {
                max = Math.max(max, input[i]);
            }
            double sum = 0;
            for (int i = start; i < start + columns; i++) {
                sum += Math.exp(input[i] - max);
            }
            double logSum = Math.log(sum);
            for (int i = start; i < start + columns; i++) {
                double logProbability = input[i] - max - logSum;
                output[i] = log ? logProbability : Math.exp(logProbability);
            }
        }
    }

    /** Softmax: {@code dx = y (dy - Σ dy y)}. LogSoftmax: {@code dx = dy - e^y Σ dy}. */
    @Override
    void backward(double[] input, double[] output, double[] gradOutput, double[] gradInput, int rows, int columns) {
        if (gradInput == null) {
            return;
        }
        for (int row = 0; row < rows; row++) {
            int start = row * columns;
            double sum = 0;
            for (int i = start; i < start + columns; i++) {
                sum += log ? gradOutput[i] : gradOutput[i] * output[i];
            }
            for (int i = start; i < start + columns; i++) {
                gradInput[i] = log ? gradOutput[i] - Math.exp(output[i]) * sum : output[i] * (gradOutput[i] - sum);
            }
        }
    }
}
