package io.trainyard.plugins.loss;

import io.trainyard.plugins.host.HostArray;
import io.trainyard.plugins.host.PerBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss's predictions and targets copied into Java arrays in bulk, and its gradient computed in one and copied back:
 * the arithmetic is then plain loops over arrays (see {@link HostArray} for why). The arrays and the host views are
 * reused batch after batch, so a batch allocates nothing once the first of its size has passed.
 */
final class HostBatch {

    private final PerBuffer<HostArray> predictionViews = new PerBuffer<>(4, HostArray::of);
    private final PerBuffer<HostArray> targetViews = new PerBuffer<>(4, HostArray::of);
    private final PerBuffer<HostArray> gradientViews = new PerBuffer<>(4, HostArray::of);
    private double[] predictions = new double[0];
    private double[] targets = new double[0];
    private double[] gradient = new double[0];

    /** The predictions' values, row-major, in an array at least as long. */
    double[] predictions(INDArray array) {
        predictions = read(predictionViews.get(array), predictions);
        return predictions;
    }

    /** The targets' values, in an array at least as long. */
    double[] targets(INDArray array) {
        targets = read(targetViews.get(array), targets);
        return targets;
    }

    /** An array at least as long as the gradient {@code array}, for {@link #writeGradient} to copy back. */
    double[] gradient(INDArray array) {
        int length = gradientViews.get(array).length();
        if (gradient.length < length) {
            gradient = new double[length];
        }
        return gradient;
    }

    /** Copies the first {@code array.length()} values of {@link #gradient}'s array into {@code array}. */
    void writeGradient(INDArray array) {
        gradientViews.get(array).write(gradient);
    }

    private static double[] read(HostArray view, double[] into) {
        double[] target = into.length < view.length() ? new double[view.length()] : into;
        view.read(target);
        return target;
    }
}
