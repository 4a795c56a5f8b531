package io.trainyard.tracking.example;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import io.trainyard.tracking.TrackedRun;
import io.trainyard.tracking.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A training loop written by hand in ND4J, recorded with the tracking API: softmax regression on three Gaussian
 * blobs in the plane, full-batch gradient descent with the gradient worked out by hand. Nothing of Trainyard's
 * trainer is used; only {@link Tracker} and {@link TrackedRun}.
 *
 * <p>{@code main(STORE, EPOCHS)} trains and prints the run's id; {@code main(STORE, EPOCHS, "exit-at", N)} calls
 * {@code System.exit} after epoch N, as a process stopped from outside would end.
 */
public final class SoftmaxRegressionExample {

    private static final int CLASSES = 3;
    private static final int PER_CLASS = 200;

    private SoftmaxRegressionExample() {
    }

    public static void main(String[] args) {
        int exitAt = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        try (Tracker tracker = Tracker.open(args[0])) {
            System.out.println(train(tracker, Integer.parseInt(args[1]), 0.5, exitAt));
        }
    }

    /** Trains, recording every step and epoch; returns the run's id. */
    public static String train(Tracker tracker, int epochs, double learningRate, int exitAfterEpoch) {
        long seed = 7;
        INDArray[] train = blobs(seed);
        INDArray[] test = blobs(seed + 1);
        INDArray weights = Nd4j.zeros(DataType.DOUBLE, 2, CLASSES);
        INDArray bias = Nd4j.zeros(DataType.DOUBLE, 1, CLASSES);
        try (TrackedRun run = tracker.newRun("softmax-blobs").param("optimizer.lr", learningRate)
                .param("model.name", "softmax-regression").param("epochs", epochs).seed(seed)
                .tag("source", "hand-written nd4j").start()) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                // Four steps an epoch over quarters of the data: mini-batches, each logged.
                double epochLoss = 0;
                int batches = 4;
                long rows = train[0].rows() / batches;
                for (int batch = 0; batch < batches; batch++) {
                    INDArray x = train[0].get(interval(batch * rows, (batch + 1) * rows), all());
                    INDArray y = train[1].get(interval(batch * rows, (batch + 1) * rows), all());
                    INDArray probabilities = softmax(x.mmul(weights).addRowVector(bias));
                    double loss = crossEntropy(probabilities, y);
                    // d(loss)/d(logits) = (p - y) / n for the mean cross-entropy of a softmax.
                    INDArray delta = probabilities.sub(y).divi(rows);
                    weights.subi(x.transpose().mmul(delta).muli(learningRate));
                    bias.subi(delta.sum(true, 0).muli(learningRate));
                    run.logStep(loss);
                    epochLoss += loss / batches;
                }
                INDArray testProbabilities = softmax(test[0].mmul(weights).addRowVector(bias));
                run.logEpoch(Map.of("train_loss", epochLoss, "test_loss", crossEntropy(testProbabilities, test[1]),
                        "test_accuracy", accuracy(testProbabilities, test[1]), "learning_rate", learningRate));
                if (epoch == exitAfterEpoch) {
                    System.exit(3);
                }
            }
            run.note("three blobs, " + PER_CLASS + " points each");
            run.logArtifact(saveWeights(weights, bias), "model/weights.txt");
            run.finish();
            return run.id();
        }
    }

    /** The trained parameters as text, a row per input and one for the bias, in a temporary file. */
    private static Path saveWeights(INDArray weights, INDArray bias) {
        try {
            Path file = Files.createTempFile("softmax-weights", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, weights.toString() + "\n" + bias.toString() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points around three centres, the classes taking turns (so every quarter is balanced), one-hot targets. */
    private static INDArray[] blobs(long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[][] centres = {{0, 2}, {-2, -1}, {2, -1}};
        INDArray x = Nd4j.create(DataType.DOUBLE, CLASSES * PER_CLASS, 2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, CLASSES * PER_CLASS, CLASSES);
        for (int row = 0; row < CLASSES * PER_CLASS; row++) {
            int label = row % CLASSES;
            x.putScalar(row, 0, centres[label][0] + random.nextGaussian());
            x.putScalar(row, 1, centres[label][1] + random.nextGaussian());
            y.putScalar(row, label, 1.0);
        }
        return new INDArray[] {x, y};
    }

    private static INDArray softmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.rows(), 1));
        INDArray exp = Transforms.exp(shifted, true);
        return exp.diviColumnVector(exp.sum(1).reshape(logits.rows(), 1));
    }

    private static double crossEntropy(INDArray probabilities, INDArray targets) {
        return -Transforms.log(probabilities.mul(targets).sum(1), false).meanNumber().doubleValue();
    }

    private static double accuracy(INDArray probabilities, INDArray targets) {
        INDArray predicted = probabilities.argMax(1);
        INDArray actual = targets.argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
}
