package io.trainyard.plugins.layer;

import io.trainyard.plugins.host.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling by PyTorch's rule to the letter, {@code if (value > max || isnan(value))}: a NaN wins its window (the
 * last NaN, in scan order), and the gradient flows to the winner. {@link MaxPool2d} uses it only for batches with a
 * non-finite value, where libnd4j's pooling would skip the NaN.
 */
final class ExactPool {

    private final INDArray input;
    private final INDArray output;
    private final double[] in;
    private final double[] out;
    private final double[] gradOut;
    private final double[] gradIn;
    private final int[] winners;

    ExactPool(INDArray input, INDArray output) {
        this.input = input;
        this.output = output;
        this.in = new double[Math.toIntExact(input.length())];
        this.out = new double[Math.toIntExact(output.length())];
        this.gradOut = new double[out.length];
        this.gradIn = new double[in.length];
        this.winners = new int[out.length];
    }

    void forward(int kernel, int stride, int padding) {
        HostArray.of(input).read(in);
        int planes = Math.toIntExact(input.size(0) * input.size(1));
        int height = Math.toIntExact(input.size(2));
        int width = Math.toIntExact(input.size(3));
        int outHeight = Math.toIntExact(output.size(2));
        int outWidth = Math.toIntExact(output.size(3));
        for (int plane = 0; plane < planes; plane++) {
            for (int row = 0; row < outHeight; row++) {
                for (int column = 0; column < outWidth; column++) {
                    double max = Double.NEGATIVE_INFINITY;
                    int winner = -1;
                    for (int i = row * stride - padding; i < row * stride - padding + kernel; i++) {
                        for (int j = column * stride - padding; j < column * stride - padding + kernel; j++) {
                            if (i < 0 || i >= height || j < 0 || j >= width) {
                                continue;
                            }
                            int at = (plane * height + i) * width + j;
                            if (in[at] > max || Double.isNaN(in[at]) || winner < 0) {
                                max = in[at];
                                winner = at;
                            }
                        }
                    }
                    int o = (plane * outHeight + row) * outWidth + column;
                    out[o] = max;
                    winners[o] = winner;
                }
            }
        }
        HostArray.of(output).write(out);
    }

    void backward(INDArray gradOutput, INDArray gradInput) {
        HostArray.of(gradOutput).read(gradOut);
        java.util.Arrays.fill(gradIn, 0);
        for (int o = 0; o < gradOut.length; o++) {
            gradIn[winners[o]] += gradOut[o];
        }
        HostArray.of(gradInput).write(gradIn);
    }
}
