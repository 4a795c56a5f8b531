package io.trainyard.plugins.layer;

/**
 * PyTorch's {@code Softmax(dim)} or, with {@code log = true}, {@code LogSoftmax(dim)}: normalised along one
 * dimension, every other index on its own. The maximum is subtracted first so large inputs cannot overflow.
 */
public final class Softmax extends HostLayer {

    private final boolean log;
    /** Length of the normalised dimension. */
    private final int size;
    /** Distance between its consecutive elements in row-major order: the product of the dimensions after it. */
    private final int stride;

    /**
     * @param size the length of the dimension normalised over
     * @param stride the product of the dimensions after it (1 for the last dimension)
     */
    public Softmax(boolean log, int size, int stride) {
        this.log = log;
        this.size = size;
        this.stride = stride;
    }

    @Override
    public String describe() {
        return log ? "LogSoftmax" : "Softmax";
    }

    @Override
    void forward(double[] input, double[] output, int rows, int columns, boolean training) {
        int block = size * stride;
        for (int start = 0; start < rows * columns; start += block) {
            for (int first = start; first < start + stride; first++) {
                int end = first + block;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = first; i < end; i += stride) {
                    max = Math.max(max, input[i]);
                }
                double sum = 0;
                for (int i = first; i < end; i += stride) {
                    sum += Math.exp(input[i] - max);
                }
                double logSum = Math.log(sum);
                for (int i = first; i < end; i += stride) {
                    double logProbability = input[i] - max - logSum;
                    output[i] = log ? logProbability : Math.exp(logProbability);
                }
            }
        }
    }

    /** Softmax: {@code dx = y (dy - Σ dy y)}. LogSoftmax: {@code dx = dy - e^y Σ dy}; each along the dimension. */
    @Override
    void backward(double[] input, double[] output, double[] gradOutput, double[] gradInput, int rows, int columns) {
        if (gradInput == null) {
            return;
        }
        int block = size * stride;
        for (int start = 0; start < rows * columns; start += block) {
            for (int first = start; first < start + stride; first++) {
                int end = first + block;
                double sum = 0;
                for (int i = first; i < end; i += stride) {
                    sum += log ? gradOutput[i] : gradOutput[i] * output[i];
                }
                for (int i = first; i < end; i += stride) {
                    gradInput[i] = log ? gradOutput[i] - Math.exp(output[i]) * sum
                            : output[i] * (gradOutput[i] - sum);
                }
            }
        }
    }
}
