package io.trainyard.plugins.loss;

import io.trainyard.api.loss.Loss;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code NLLLoss} on log-probabilities (a model ending in log-softmax) and class indices:
 * {@code loss_i = -w[y_i] * x_i[y_i]}; the mean divides by {@code sum_i w[y_i]}. The gradient is
 * {@code -w[y_i]} at the target class, scaled the same way, and zero elsewhere. Samples whose target is the
 * {@link IgnoreIndex} are left out of every sum.
 */
final class NllLoss implements Loss {

    private final Reduction reduction;
    private final ClassWeights weights;
    private final IgnoreIndex ignored;

    NllLoss(Reduction reduction, ClassWeights weights) {
        this(reduction, weights, IgnoreIndex.NONE);
    }

    NllLoss(Reduction reduction, ClassWeights weights, IgnoreIndex ignored) {
        this.reduction = reduction;
        this.weights = weights;
        this.ignored = ignored;
    }

    @Override
    public double compute(INDArray predictions, INDArray targets, INDArray gradient) {
        Logits.requireClassification("nll", predictions, targets);
        int batch = (int) predictions.size(0);
        int classes = (int) predictions.size(1);
        weights.check(classes);
        DataBuffer logProbabilities = predictions.data();
        DataBuffer labels = targets.data();
        DataBuffer grad = gradient.data();
        double loss = 0;
        double normaliser = 0;
        for (int i = 0; i < batch; i++) {
            double target = labels.getDouble(targets.offset() + i);
            if (ignored.ignores(target)) {
                for (int j = 0; j < classes; j++) {
                    grad.put(gradient.offset() + (long) i * classes + j, 0.0);
                }
                continue;
            }
            int label = ClassWeights.classIndex("nll", target, classes);
            double weight = weights.weight(label);
            loss -= weight * logProbabilities.getDouble(predictions.offset() + (long) i * classes + label);
            normaliser += weight;
            for (int j = 0; j < classes; j++) {
                grad.put(gradient.offset() + (long) i * classes + j, j == label ? -weight : 0.0);
            }
        }
        double scale = reduction == Reduction.MEAN ? 1 / normaliser : 1;
        Logits.scale(gradient, (long) batch * classes, scale);
        return loss * scale;
    }
}
