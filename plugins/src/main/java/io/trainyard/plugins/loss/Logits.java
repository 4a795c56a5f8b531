package io.trainyard.plugins.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Row arithmetic the classification losses share, on a batch's contiguous buffers. */
final class Logits {

    private Logits() {
    }

    static void requireClassification(String loss, INDArray predictions, INDArray targets) {
        if (predictions.rank() != 2 || targets.length() != predictions.size(0)) {
            throw new IllegalArgumentException(loss + " expects predictions [batch, classes] and class indices "
                    + "[batch], got " + java.util.Arrays.toString(predictions.shape()) + " and "
                    + java.util.Arrays.toString(targets.shape()));
        }
    }

    /** {@code log sum_j exp(x_j)} over one row, with the maximum subtracted first so it cannot overflow. */
    static double logSumExp(double[] values, int row, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < length; j++) {
            max = Math.max(max, values[row + j]);
        }
        double sum = 0;
        for (int j = 0; j < length; j++) {
            sum += Math.exp(values[row + j] - max);
        }
        return max + Math.log(sum);
    }

    /** Multiplies the first {@code length} values by {@code factor}, in place. */
    static void scale(double[] values, int length, double factor) {
        if (factor == 1) {
            return;
        }
        for (int k = 0; k < length; k++) {
            values[k] *= factor;
        }
    }
}
