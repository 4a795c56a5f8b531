package io.trainyard.plugins.loss;

import io.trainyard.api.loss.Loss;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss that compares predictions and targets element by element, targets shaped like the predictions: the sum
 * of {@code f(x, t)} over all elements, divided by the number of elements for the mean (PyTorch's convention for
 * MSE, L1, smooth L1, Huber and BCE).
 */
abstract class ElementwiseLoss implements Loss {

    private final String name;
    private final Reduction reduction;

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
        long length = predictions.length();
        if (targets.length() != length) {
            throw new IllegalArgumentException(name + " needs targets shaped like the predictions "
                    + Arrays.toString(predictions.shape()) + ", got " + Arrays.toString(targets.shape())
                    + "; for class indices use cross-entropy");
        }
        double scale = reduction == Reduction.MEAN ? 1.0 / length : 1.0;
        int columns = Math.toIntExact(predictions.rank() < 2 ? 1 : predictions.size(predictions.rank() - 1));
        checkColumns(columns);
        DataBuffer x = predictions.data();
        DataBuffer t = targets.data();
        DataBuffer g = gradient.data();
        double loss = 0;
        for (long k = 0; k < length; k++) {
            double prediction = x.getDouble(predictions.offset() + k);
            double target = t.getDouble(targets.offset() + k);
            int column = (int) (k % columns);
            loss += value(prediction, target, column);
            g.put(gradient.offset() + k, derivative(prediction, target, column) * scale);
        }
        return loss * scale;
    }
}
