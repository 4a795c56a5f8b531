package io.trainyard.plugins.optim;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.ElementwiseOptimizer;

/**
 * PyTorch's {@code torch.optim.Adagrad}:
 * <pre>
 * g = g + wd p
 * clr = lr / (1 + (t - 1) lr_decay)
 * s = s + g^2                       (s starts at initial_accumulator_value)
 * p = p - clr g / (sqrt(s) + eps)
 * </pre>
 */
final class Adagrad extends ElementwiseOptimizer {

    private final double learningRateDecay;
    private final double epsilon;
    private final double weightDecay;
    private final ChunkState sums;
    private double currentRate;

    Adagrad(Parameters parameters, double learningRate, double learningRateDecay, double initialAccumulator,
            double epsilon, double weightDecay) {
        super(parameters, learningRate);
        this.learningRateDecay = learningRateDecay;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.sums = chunkState(initialAccumulator);
    }

    @Override
    protected void beginStep(long step, double learningRate) {
        currentRate = learningRate / (1 + (step - 1) * learningRateDecay);
    }

    @Override
    protected void update(Chunk chunk) {
        double[] values = chunk.values();
        double[] gradients = chunk.gradients();
        double[] sum = chunk.state(sums);
        int length = chunk.length();
        for (int i = 0; i < length; i++) {
            double g = gradients[i] + weightDecay * values[i];
            sum[i] += g * g;
            values[i] -= currentRate * g / (Math.sqrt(sum[i]) + epsilon);
        }
    }
}
