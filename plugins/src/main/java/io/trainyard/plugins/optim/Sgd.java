package io.trainyard.plugins.optim;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.StateArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with PyTorch's update rule ({@code torch.optim.SGD}):
 * <pre>
 * g = grad + weight_decay * p
 * b = g                                   on the first step
 * b = momentum * b + (1 - dampening) * g  afterwards
 * g = g + momentum * b  if nesterov, else  g = b          (only when momentum != 0)
 * p = p - lr * g
 * </pre>
 * With {@code maximize}, {@code grad} is negated first.
 * State lives in flat buffers shaped like the parameters; a step is at most five BLAS-level in-place operations.
 */
public final class Sgd implements Optimizer {

    private final Parameters parameters;
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final INDArray velocity;
    private INDArray scratch;
    private boolean maximize;
    private final Level1 blas = Nd4j.getBlasWrapper().level1();
    private double learningRate;
    private boolean firstStep = true;

    public Sgd(Parameters parameters, double learningRate, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.velocity = momentum != 0 ? parameters.values().ulike() : null;
        this.scratch = weightDecay != 0 || nesterov ? parameters.values().ulike() : null;
    }

    /** PyTorch's {@code maximize}: each step climbs the gradient; set once, before the first step. */
    Sgd maximizing(boolean maximize) {
        this.maximize = maximize;
        if (maximize && scratch == null) {
            scratch = parameters.values().ulike();
        }
        return this;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeDouble(learningRate);
        out.writeBoolean(firstStep);
        if (velocity != null) {
            StateArrays.write(out, velocity);
        }
    }

    @Override
    public void loadState(DataInput in) throws IOException {
        learningRate = in.readDouble();
        firstStep = in.readBoolean();
        if (velocity != null) {
            double[] values = new double[(int) velocity.length()];
            StateArrays.read(in, values);
            velocity.assign(Nd4j.createFromArray(new double[][] {values}).castTo(velocity.dataType()));
        }
    }

    @Override
    public void zeroGradients() {
        parameters.zeroGradients();
    }

    @Override
    public void step() {
        INDArray values = parameters.values();
        long n = values.length();
        INDArray gradient = parameters.gradients();
        if (maximize) {
            scratch.assign(gradient);
            blas.scal(n, -1, scratch);
            gradient = scratch;
        }
        if (weightDecay != 0) {
            if (gradient != scratch) {
                scratch.assign(gradient);
                gradient = scratch;
            }
            blas.axpy(n, weightDecay, values, scratch);
        }
        if (momentum != 0) {
            if (firstStep) {
                velocity.assign(gradient);
            } else {
                blas.scal(n, momentum, velocity);
                blas.axpy(n, 1 - dampening, gradient, velocity);
            }
            if (nesterov) {
                if (gradient != scratch) {
                    scratch.assign(gradient);
                    gradient = scratch;
                }
                blas.axpy(n, momentum, velocity, gradient);
            } else {
                gradient = velocity;
            }
        }
        blas.axpy(n, -learningRate, gradient, values);
        firstStep = false;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }
}
