package io.trainyard.testkit.lion;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.StateArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lion: {@code p = p (1 - lr wd) - lr sign(b1 m + (1 - b1) g)}, then {@code m = b2 m + (1 - b2) g}; or, with a
 * {@link Bug}, one of the mistakes the kit must catch.
 */
final class Lion implements Optimizer {

    /** The mistakes a plugin author made on purpose, none of which the kit's hygiene checks caught. */
    enum Bug {
        NONE,
        /** The update is the interpolation itself, not its sign. */
        SIGN_DROPPED,
        /** The momentum decays by beta1 instead of beta2. */
        BETA1_DECAYS_MOMENTUM,
        /** Weight decay pushes the weights away from zero. */
        WEIGHT_DECAY_SIGN,
        /** saveState writes the learning rate but not the momentum. */
        MOMENTUM_NOT_SAVED
    }

    private final Parameters parameters;
    private final double beta1;
    private final double beta2;
    private final double weightDecay;
    private final Bug bug;
    private final double[] momentum;
    private double learningRate;

    Lion(Parameters parameters, double learningRate, double beta1, double beta2, double weightDecay, Bug bug) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
        this.bug = bug;
        this.momentum = new double[Math.toIntExact(parameters.count())];
    }

    @Override
    public void zeroGradients() {
        parameters.zeroGradients();
    }

    @Override
    public void step() {
        INDArray values = parameters.values();
        INDArray gradients = parameters.gradients();
        double decay = 1 - learningRate * weightDecay * (bug == Bug.WEIGHT_DECAY_SIGN ? -1 : 1);
        for (int i = 0; i < momentum.length; i++) {
            double g = gradients.getDouble(i);
            double interpolated = beta1 * momentum[i] + (1 - beta1) * g;
            double update = bug == Bug.SIGN_DROPPED ? interpolated : Math.signum(interpolated);
            values.putScalar(i, values.getDouble(i) * decay - learningRate * update);
            double keep = bug == Bug.BETA1_DECAYS_MOMENTUM ? beta1 : beta2;
            momentum[i] = keep * momentum[i] + (1 - keep) * g;
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeDouble(learningRate);
        if (bug != Bug.MOMENTUM_NOT_SAVED) {
            StateArrays.write(out, momentum);
        }
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        learningRate = in.readDouble();
        if (bug != Bug.MOMENTUM_NOT_SAVED) {
            StateArrays.read(in, momentum);
        }
    }
}
