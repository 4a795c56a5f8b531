package com.example.trainyard;

import io.trainyard.api.loss.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code loss(x, y) = 1/N Σ_n Σ_{i≠y_n} max(0, margin - x[n, y_n] + x[n, i]) / C}. Each active term adds
 * {@code 1/(N C)} to the gradient of {@code x[n, i]} and takes it from {@code x[n, y_n]}. Works on small batches of
 * logits, so plain element access is fast enough and allocates nothing.
 */
final class MultiMarginLoss implements Loss {

    private final double margin;

    MultiMarginLoss(double margin) {
        this.margin = margin;
    }

    @Override
    public double compute(INDArray predictions, INDArray targets, INDArray gradient) {
        long samples = predictions.size(0);
        long classes = predictions.size(1);
        double scale = 1.0 / (samples * classes);
        double total = 0;
        gradient.assign(0);
        for (long n = 0; n < samples; n++) {
            long target = (long) targets.getDouble(n);
            double truth = predictions.getDouble(n, target);
            for (long i = 0; i < classes; i++) {
                double violation = margin - truth + predictions.getDouble(n, i);
                if (i != target && violation > 0) {
                    total += violation;
                    gradient.putScalar(new long[] {n, i}, gradient.getDouble(n, i) + scale);
                    gradient.putScalar(new long[] {n, target}, gradient.getDouble(n, target) - scale);
                }
            }
        }
        return total * scale;
    }
}
