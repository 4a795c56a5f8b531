package io.trainyard.plugins.optim;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.StateArrays;
import io.trainyard.api.parallel.Halves;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
 * State lives in flat buffers shaped like the parameters; a step is at most five BLAS-level in-place operations over
 * each half of the vector, the halves at once when the run has two threads.
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
    private int threads;
    private Halves halves;

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
        halves = null;
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
    public void useThreads(int threads) {
        this.threads = threads;
        halves = null;
    }

    @Override
    public void step() {
        if (halves == null) {
            halves = bindHalves();
        }
        halves.run();
        firstStep = false;
    }

    /**
     * The step over two halves of the parameter vector, at once when the budget has two threads: each element's
     * update is independent of the others', so the halves give the same bits as the whole.
     */
    private Halves bindHalves() {
        long count = parameters.count();
        if (count < Halves.ELEMENTWISE_FROM) {
            return Halves.whole(part(0, count));
        }
        long half = (count + 1) / 2;
        return Halves.of(threads, part(0, half), part(half, count));
    }

    /** The step for the elements {@code from} to {@code to - 1}, bound to views of every buffer. */
    private Runnable part(long from, long to) {
        INDArray values = slice(parameters.values(), from, to);
        INDArray gradient = slice(parameters.gradients(), from, to);
        INDArray partVelocity = slice(velocity, from, to);
        INDArray partScratch = slice(scratch, from, to);
        return () -> update(values, gradient, partVelocity, partScratch);
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        return flat == null ? null : flat.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    private void update(INDArray values, INDArray gradient, INDArray velocity, INDArray scratch) {
        long n = values.length();
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
