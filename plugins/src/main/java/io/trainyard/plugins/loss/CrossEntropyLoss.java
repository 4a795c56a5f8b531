package io.trainyard.plugins.loss;

import io.trainyard.api.loss.Loss;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code CrossEntropyLoss} on raw logits and class indices. With {@code p = softmax(x_i)}, class weights
 * {@code w} (all 1 by default) and label smoothing {@code e} over {@code C} classes:
 * <pre>
 * loss_i = (1 - e) * w[y_i] * -log p[y_i]  +  (e / C) * sum_c w[c] * -log p[c]
 * mean:  sum_i loss_i / sum_i w[y_i]        sum:  sum_i loss_i
 * d loss_i / d x_ij = p[j] * ((1 - e) w[y_i] + (e / C) sum_c w[c]) - (1 - e) w[y_i] [j = y_i] - (e / C) w[j]
 * </pre>
 * {@code log p} is computed as {@code x - logsumexp(x)} with the maximum subtracted, so extreme logits stay finite.
 * Samples whose target is the {@link IgnoreIndex} are left out of every sum.
 *
 * <p>A batch is {@code [batch, classes]}, small enough that one pass in Java over its values ({@link HostBatch}) beats
 * the dispatch cost of the five or six ND4J operations the same arithmetic would take.
 */
public final class CrossEntropyLoss implements Loss {

    private final Reduction reduction;
    private final ClassWeights weights;
    private final double smoothing;
    private final IgnoreIndex ignored;
    private final HostBatch host = new HostBatch();

    /** Unweighted, unsmoothed: the reference recipe's loss. */
    public CrossEntropyLoss(boolean mean) {
        this(mean ? Reduction.MEAN : Reduction.SUM, ClassWeights.uniform(), 0.0);
    }

    CrossEntropyLoss(Reduction reduction, ClassWeights weights, double smoothing) {
        this(reduction, weights, smoothing, IgnoreIndex.NONE);
    }

    CrossEntropyLoss(Reduction reduction, ClassWeights weights, double smoothing, IgnoreIndex ignored) {
        this.reduction = reduction;
        this.weights = weights;
        this.smoothing = smoothing;
        this.ignored = ignored;
    }

    @Override
    public double compute(INDArray predictions, INDArray targets, INDArray gradient) {
        Logits.requireClassification("cross-entropy", predictions, targets);
        int batch = (int) predictions.size(0);
        int classes = (int) predictions.size(1);
        weights.check(classes);
        double[] logits = host.predictions(predictions);
        double[] labels = host.targets(targets);
        double[] grad = host.gradient(gradient);
        double totalWeight = weights.total(classes);
        double loss = 0;
        double normaliser = 0;
        for (int i = 0; i < batch; i++) {
            int row = i * classes;
            if (ignored.ignores(labels[i])) {
                Arrays.fill(grad, row, row + classes, 0.0);
                continue;
            }
            int label = ClassWeights.classIndex("cross-entropy", labels[i], classes);
            double logSumExp = Logits.logSumExp(logits, row, classes);
            double labelWeight = weights.weight(label);
            double smoothTerm = 0;
            for (int j = 0; j < classes; j++) {
                smoothTerm += weights.weight(j) * (logSumExp - logits[row + j]);
            }
            loss += (1 - smoothing) * labelWeight * (logSumExp - logits[row + label])
                    + smoothing / classes * smoothTerm;
            normaliser += labelWeight;
            double softmaxScale = (1 - smoothing) * labelWeight + smoothing / classes * totalWeight;
            for (int j = 0; j < classes; j++) {
                double softmax = Math.exp(logits[row + j] - logSumExp);
                double smoothed = (j == label ? (1 - smoothing) * labelWeight : 0)
                        + smoothing / classes * weights.weight(j);
                grad[row + j] = softmax * softmaxScale - smoothed;
            }
        }
        double scale = reduction == Reduction.MEAN ? 1 / normaliser : 1;
        Logits.scale(grad, batch * classes, scale);
        host.writeGradient(gradient);
        return loss * scale;
    }
}
