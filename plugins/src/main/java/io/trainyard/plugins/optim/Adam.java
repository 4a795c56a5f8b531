package io.trainyard.plugins.optim;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.ElementwiseOptimizer;

/**
 * PyTorch's {@code torch.optim.Adam} and, with decoupled weight decay, {@code AdamW}:
 * <pre>
 * AdamW: p = p (1 - lr wd)            Adam: g = g + wd p
 * m = b1 m + (1 - b1) g
 * v = b2 v + (1 - b2) g^2
 * amsgrad: vmax = max(vmax, v), used in place of v below
 * p = p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 */
final class Adam extends ElementwiseOptimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;
    private final ChunkState firstMoment;
    private final ChunkState secondMoment;
    private final ChunkState maxSecondMoment;
    private double stepSize;
    private double secondCorrection;
    private double decay;

    Adam(Parameters parameters, double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
            boolean amsgrad, boolean decoupled) {
        super(parameters, learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.firstMoment = chunkState(0);
        this.secondMoment = chunkState(0);
        this.maxSecondMoment = amsgrad ? chunkState(0) : null;
    }

    @Override
    protected void beginStep(long step, double learningRate) {
        stepSize = learningRate / (1 - Math.pow(beta1, step));
        secondCorrection = Math.sqrt(1 - Math.pow(beta2, step));
        decay = decoupled ? 1 - learningRate * weightDecay : 1;
    }

    @Override
    protected void update(Chunk chunk) {
        double[] values = chunk.values();
        double[] gradients = chunk.gradients();
        double[] m = chunk.state(firstMoment);
        double[] v = chunk.state(secondMoment);
        boolean amsgrad = maxSecondMoment != null;
        double[] vMax = amsgrad ? chunk.state(maxSecondMoment) : null;
        int length = chunk.length();
        for (int i = 0; i < length; i++) {
            double p = values[i] * decay;
            double g = decoupled ? gradients[i] : gradients[i] + weightDecay * values[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            double squares = beta2 * v[i] + (1 - beta2) * g * g;
            v[i] = squares;
            if (amsgrad) {
                squares = Math.max(vMax[i], squares);
                vMax[i] = squares;
            }
            values[i] = p - stepSize * m[i] / (Math.sqrt(squares) / secondCorrection + epsilon);
        }
    }
}
