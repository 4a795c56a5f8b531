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
    private final double[] firstMoment;
    private final double[] secondMoment;
    private final double[] maxSecondMoment;
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
        this.firstMoment = state();
        this.secondMoment = state();
        this.maxSecondMoment = amsgrad ? state() : null;
    }

    @Override
    protected void beginStep(long step, double learningRate) {
        stepSize = learningRate / (1 - Math.pow(beta1, step));
        secondCorrection = Math.sqrt(1 - Math.pow(beta2, step));
        decay = decoupled ? 1 - learningRate * weightDecay : 1;
    }

    @Override
    protected void update(double[] values, double[] gradients, int offset, int length) {
        for (int i = 0; i < length; i++) {
            int k = offset + i;
            double p = values[i] * decay;
            double g = decoupled ? gradients[i] : gradients[i] + weightDecay * values[i];
            double m = beta1 * firstMoment[k] + (1 - beta1) * g;
            double v = beta2 * secondMoment[k] + (1 - beta2) * g * g;
            firstMoment[k] = m;
            secondMoment[k] = v;
            if (maxSecondMoment != null) {
                v = Math.max(maxSecondMoment[k], v);
                maxSecondMoment[k] = v;
            }
            values[i] = p - stepSize * m / (Math.sqrt(v) / secondCorrection + epsilon);
        }
    }
}
