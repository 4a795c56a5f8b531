package io.trainyard.plugins.loss;

import io.trainyard.api.loss.Loss;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss that compares predictions and targets element by element, targets shaped like the predictions: the sum
 * of {@code f(x, t)} over all elements, divided by the number of elements for the mean (PyTorch's convention for
 * MSE, L1, smooth L1, Huber and BCE).
 */
abstract class ElementwiseLoss implements Loss {

    private final String name;
    private final Reduction reduction;
    private final HostBatch host = new HostBatch();

    ElementwiseLoss(String name, Reduction reduction) {
        this.name = name;
        this.reduction = reduction;
    }

    /** {@code f(x, t)} for an element of output column {@code column} (the index along the last dimension). */
    abstract double value(double prediction, double target, int column);

    /** {@code d f(x, t) / d x} */
    abstract double derivative(double prediction, double target, int column);

    /** Called before each batch with the number of output columns, to check settings made per column. */
    void checkColumns(int columns) {
    }

    @Override
    public final double compute(INDArray predictions, INDArray targets, INDArray gradient) {
        int length = Math.toIntExact(predictions.length());
        if (targets.length() != length) {
            throw new IllegalArgumentException(name + " needs targets shaped like the predictions "
                    + Arrays.toString(predictions.shape()) + ", got " + Arrays.toString(targets.shape())
                    + "; for class indices use cross-entropy");
        }
        double scale = reduction == Reduction.MEAN ? 1.0 / length : 1.0;
        int columns = Math.toIntExact(predictions.rank() < 2 ? 1 : predictions.size(predictions.rank() - 1));
        checkColumns(columns);
        double[] x = host.predictions(predictions);
        double[] t = host.targets(targets);
        double[] g = host.gradient(gradient);
        double loss = 0;
        for (int k = 0; k < length; k++) {
            int column = k % columns;
            loss += value(x[k], t[k], column);
            g[k] = derivative(x[k], t[k], column) * scale;
        }
        host.writeGradient(gradient);
        return loss * scale;
    }
}
