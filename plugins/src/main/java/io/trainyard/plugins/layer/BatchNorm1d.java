package io.trainyard.plugins.layer;

import io.trainyard.api.TrainyardException;
import io.trainyard.plugins.host.HostArray;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's {@code BatchNorm1d} on {@code [features]} samples. Training normalises with the batch's mean and
 * biased variance and updates the running statistics with the unbiased variance:
 * {@code running = (1 - momentum) running + momentum batch}. Evaluation normalises with the running statistics.
 * Then {@code y = gamma x^ + beta}, gamma starting at 1 and beta at 0. The running statistics are state, not
 * parameters: no optimizer touches them.
 */
public final class BatchNorm1d extends HostLayer {

    private final int features;
    private final double epsilon;
    private final double momentum;
    private final double[] runningMean;
    private final double[] runningVariance;
    private final double[] inverseDeviation;
    private HostArray values;
    private HostArray gradients;
    private double[] parameters;
    private double[] parameterGradients;
    /** x^ of the last forward. */
    private double[] normalized = new double[0];
    private boolean trainedBatch;

    public BatchNorm1d(int features, double epsilon, double momentum) {
        if (features < 1 || !(epsilon > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm1d needs features >= 1, eps > 0 and momentum in [0, 1]");
        }
        this.features = features;
        this.epsilon = epsilon;
        this.momentum = momentum;
        this.runningMean = new double[features];
        this.runningVariance = new double[features];
        Arrays.fill(runningVariance, 1);
        this.inverseDeviation = new double[features];
    }

    @Override
    public String describe() {
        return "BatchNorm1d(" + features + ")";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != features) {
            throw new IllegalArgumentException(describe() + " expects inputs of shape [" + features + "], got "
                    + Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public long parameterCount() {
        return 2L * features;
    }

    /** The slice holds gamma then beta. */
    @Override
    public void bind(INDArray values, INDArray gradients) {
        this.values = HostArray.of(values);
        this.gradients = HostArray.of(gradients);
        this.parameters = new double[2 * features];
        this.parameterGradients = new double[2 * features];
    }

    @Override
    public void initialize(Random random) {
        Arrays.fill(parameters, 0, features, 1);
        Arrays.fill(parameters, features, 2 * features, 0);
        values.write(parameters);
    }

    @Override
    void forward(double[] input, double[] output, int rows, int columns, boolean training) {
        if (training && rows == 1) {
            // One sample has no variance: the output would be beta, the gradient zero, the running variance decay.
            throw new TrainyardException("batchnorm1d: expected more than 1 value per channel when training, got a"
                    + " batch of 1 (as PyTorch refuses too); choose a batch_size that leaves no last batch of 1");
        }
        values.read(parameters);
        normalized = normalized.length >= input.length ? normalized : new double[input.length];
        trainedBatch = training;
        for (int f = 0; f < features; f++) {
            double mean;
            double variance;
            if (training) {
                mean = 0;
                for (int r = 0; r < rows; r++) {
                    mean += input[r * features + f];
                }
                mean /= rows;
                variance = 0;
                for (int r = 0; r < rows; r++) {
                    double centered = input[r * features + f] - mean;
                    variance += centered * centered;
                }
                double unbiased = variance / (rows - 1);
                variance /= rows;
                runningMean[f] = (1 - momentum) * runningMean[f] + momentum * mean;
                runningVariance[f] = (1 - momentum) * runningVariance[f] + momentum * unbiased;
            } else {
                mean = runningMean[f];
                variance = runningVariance[f];
            }
            double inverse = 1 / Math.sqrt(variance + epsilon);
            inverseDeviation[f] = inverse;
            for (int r = 0; r < rows; r++) {
                int i = r * features + f;
                normalized[i] = (input[i] - mean) * inverse;
                output[i] = parameters[f] * normalized[i] + parameters[features + f];
            }
        }
    }

    /**
     * {@code dgamma += Σ dy x^}, {@code dbeta += Σ dy}; with batch statistics
     * {@code dx = gamma / (N σ) (N dy - Σ dy - x^ Σ dy x^)}, with running statistics {@code dx = gamma dy / σ}.
     */
    @Override
    void backward(double[] input, double[] output, double[] gradOutput, double[] gradInput, int rows, int columns) {
        gradients.read(parameterGradients);
        for (int f = 0; f < features; f++) {
            double sum = 0;
            double projected = 0;
            for (int r = 0; r < rows; r++) {
                int i = r * features + f;
                sum += gradOutput[i];
                projected += gradOutput[i] * normalized[i];
            }
            parameterGradients[f] += projected;
            parameterGradients[features + f] += sum;
            if (gradInput != null) {
                double scale = parameters[f] * inverseDeviation[f];
                for (int r = 0; r < rows; r++) {
                    int i = r * features + f;
                    gradInput[i] = trainedBatch
                            ? scale * (gradOutput[i] - sum / rows - normalized[i] * projected / rows)
                            : scale * gradOutput[i];
                }
            }
        }
        gradients.write(parameterGradients);
    }

    /** The running mean, a copy. */
    @Override
    public List<double[]> state() {
        return List.of(runningMean, runningVariance);
    }

    public double[] runningMean() {
        return runningMean.clone();
    }

    /** The running variance, a copy. */
    public double[] runningVariance() {
        return runningVariance.clone();
    }
}
