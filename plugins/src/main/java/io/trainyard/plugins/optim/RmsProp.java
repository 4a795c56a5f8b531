package io.trainyard.plugins.optim;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.ElementwiseOptimizer;

/**
 * PyTorch's {@code torch.optim.RMSprop}:
 * <pre>
 * g = g + wd p
 * v = alpha v + (1 - alpha) g^2
 * centered: ga = alpha ga + (1 - alpha) g;  d = sqrt(v - ga^2) + eps     otherwise d = sqrt(v) + eps
 * momentum > 0: b = momentum b + g / d;  p = p - lr b                    otherwise p = p - lr g / d
 * </pre>
 */
final class RmsProp extends ElementwiseOptimizer {

    private final double alpha;
    private final double epsilon;
    private final double weightDecay;
    private final double momentum;
    private final ChunkState squareAverages;
    private final ChunkState gradientAverages;
    private final ChunkState buffers;
    private double rate;

    RmsProp(Parameters parameters, double learningRate, double alpha, double epsilon, double weightDecay,
            double momentum, boolean centered) {
        super(parameters, learningRate);
        this.alpha = alpha;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.squareAverages = chunkState(0);
        this.gradientAverages = centered ? chunkState(0) : null;
        this.buffers = momentum > 0 ? chunkState(0) : null;
    }

    @Override
    protected void beginStep(long step, double learningRate) {
        rate = learningRate;
    }

    @Override
    protected void update(Chunk chunk) {
        double[] values = chunk.values();
        double[] gradients = chunk.gradients();
        double[] squareAverage = chunk.state(squareAverages);
        double[] gradientAverage = gradientAverages == null ? null : chunk.state(gradientAverages);
        double[] buffer = buffers == null ? null : chunk.state(buffers);
        int length = chunk.length();
        for (int i = 0; i < length; i++) {
            double g = gradients[i] + weightDecay * values[i];
            double v = alpha * squareAverage[i] + (1 - alpha) * g * g;
            squareAverage[i] = v;
            if (gradientAverage != null) {
                double average = alpha * gradientAverage[i] + (1 - alpha) * g;
                gradientAverage[i] = average;
                v -= average * average;
            }
            double scaled = g / (Math.sqrt(v) + epsilon);
            if (buffer != null) {
                scaled = momentum * buffer[i] + scaled;
                buffer[i] = scaled;
            }
            values[i] -= rate * scaled;
        }
    }
}
