package io.trainyard.plugins.loss;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.loss.Loss;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code CrossEntropyLoss} on raw logits and class indices: {@code loss_i = -log softmax(x_i)[y_i]},
 * computed as {@code logsumexp(x_i) - x_i[y_i]} with the max subtracted for stability. Its gradient is
 * {@code softmax(x_i) - onehot(y_i)}, divided by the batch size for the mean reduction.
 *
 * <p>A batch is {@code [batch, classes]}, small enough that one pass in Java beats the dispatch cost of the five or
 * six ND4J operations the same arithmetic would take.
 */
public final class CrossEntropyLoss implements Loss {

    private final boolean mean;

    public CrossEntropyLoss(boolean mean) {
        this.mean = mean;
    }

    @Override
    public double compute(INDArray predictions, INDArray targets, INDArray gradient) {
        if (predictions.rank() != 2 || targets.length() != predictions.size(0)) {
            throw new IllegalArgumentException("cross-entropy expects logits [batch, classes] and class indices "
                    + "[batch], got " + java.util.Arrays.toString(predictions.shape()) + " and "
                    + java.util.Arrays.toString(targets.shape()));
        }
        int batch = (int) predictions.size(0);
        int classes = (int) predictions.size(1);
        DataBuffer logits = predictions.data();
        DataBuffer labels = targets.data();
        DataBuffer grad = gradient.data();
        long logitsBase = predictions.offset();
        long gradBase = gradient.offset();
        long labelsBase = targets.offset();
        double scale = mean ? 1.0 / batch : 1.0;
        double total = 0;
        for (int i = 0; i < batch; i++) {
            long row = logitsBase + (long) i * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits.getDouble(row + j));
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits.getDouble(row + j) - max);
            }
            double logSumExp = max + Math.log(sum);
            int label = classIndex(labels.getDouble(labelsBase + i), classes);
            total += logSumExp - logits.getDouble(row + label);
            long gradRow = gradBase + (long) i * classes;
            for (int j = 0; j < classes; j++) {
                double softmax = Math.exp(logits.getDouble(row + j) - logSumExp);
                grad.put(gradRow + j, (softmax - (j == label ? 1.0 : 0.0)) * scale);
            }
        }
        return total * scale;
    }

    private static int classIndex(double label, int classes) {
        int index = (int) label;
        if (index != label || index < 0 || index >= classes) {
            throw new TrainyardException("cross-entropy got target " + label + " but the model has " + classes
                    + " outputs: targets must be class indices 0.." + (classes - 1));
        }
        return index;
    }
}
