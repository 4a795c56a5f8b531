package io.trainyard.api.optim;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.parallel.Halves;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A base for optimizers whose update is a per-element formula (Adam, RMSprop, Adagrad, Lion): write the formula for
 * the elements of one {@link Chunk} in {@link #update}, keep per-element state in {@link #chunkState(double) chunk
 * states} (or in whole arrays from {@link #state()}), and the base does the rest.
 * It runs the formula in one pass over the flat buffers, a chunk at a time: parameters and gradients are copied in
 * bulk from native memory into small reused arrays, updated in double precision (whether the model trains in FLOAT
 * or DOUBLE), and the parameters copied back. A step allocates nothing, and one fused pass beats the six to ten
 * separate ND4J operations the same formula would take. With a budget of two threads ({@link #useThreads}) the two
 * halves of the buffer run at once, each with chunk arrays of its own: {@code update} must write only its chunk's
 * values and state (fields set in {@link #beginStep} it may read). {@link #saveState} writes the learning rate, the
 * step count and every state array, so checkpoints and {@code resume} need no code of yours; {@link #maximizing}
 * gives PyTorch's {@code maximize}.
 *
 * <p>Lion ({@code p = p (1 - lr wd) - lr sign(b1 m + (1 - b1) g); m = b2 m + (1 - b2) g}) in full:
 * <pre>{@code
 * final class Lion extends ElementwiseOptimizer {
 *     private final double beta1, beta2, weightDecay;
 *     private final ChunkState momentum;
 *     private double lr;
 *
 *     Lion(Parameters parameters, double lr, double beta1, double beta2, double weightDecay) {
 *         super(parameters, lr);
 *         this.beta1 = beta1; this.beta2 = beta2; this.weightDecay = weightDecay;
 *         this.momentum = chunkState(0);
 *     }
 *
 *     protected void beginStep(long step, double learningRate) { lr = learningRate; }
 *
 *     protected void update(Chunk chunk) {
 *         double[] values = chunk.values(), gradients = chunk.gradients(), m = chunk.state(momentum);
 *         for (int i = 0; i < chunk.length(); i++) {
 *             double g = gradients[i];
 *             values[i] = values[i] * (1 - lr * weightDecay) - lr * Math.signum(beta1 * m[i] + (1 - beta1) * g);
 *             m[i] = beta2 * m[i] + (1 - beta2) * g;
 *         }
 *     }
 * }
 * }</pre>
 */
public abstract class ElementwiseOptimizer implements Optimizer {

    private static final int CHUNK = 2048;

    private final Parameters parameters;
    private final int size;
    private final FloatBuffer floatValues;
    private final FloatBuffer floatGradients;
    private final DoubleBuffer doubleValues;
    private final DoubleBuffer doubleGradients;
    /** Every state array, whole, in the order taken: the order they are saved in. */
    private final List<double[]> stateArrays = new ArrayList<>();
    /** The whole arrays behind the chunk states, in the order taken. */
    private final List<double[]> chunkStates = new ArrayList<>();
    private double learningRate;
    private long step;
    private boolean maximize;
    private int threads;
    private Halves halves;

    protected ElementwiseOptimizer(Parameters parameters, double learningRate) {
        this.parameters = parameters;
        this.size = Math.toIntExact(parameters.count());
        this.learningRate = learningRate;
        boolean single = parameters.dataType() == DataType.FLOAT;
        this.floatValues = single ? parameters.values().data().asNioFloat() : null;
        this.floatGradients = single ? parameters.gradients().data().asNioFloat() : null;
        this.doubleValues = single ? null : parameters.values().data().asNioDouble();
        this.doubleGradients = single ? null : parameters.gradients().data().asNioDouble();
    }

    /** PyTorch's {@code maximize}: each step climbs the gradient (it is negated before the update); set once. */
    public final ElementwiseOptimizer maximizing(boolean maximize) {
        this.maximize = maximize;
        return this;
    }

    /**
     * A zero-filled state array, one value per parameter (index {@code chunk.offset() + i} in {@link #update}), saved
     * and loaded with the optimizer's state. Take them in the constructor, always in the same order.
     */
    protected final double[] state() {
        double[] array = new double[size];
        stateArrays.add(array);
        return array;
    }

    /**
     * A state array that {@link #update} sees one chunk at a time through {@link Chunk#state}, indexed like the values
     * ({@code i}, not {@code offset + i}): the base copies each chunk in before the call and back after it. The JIT
     * vectorizes a loop whose arrays share one index, and not one that also reads at {@code offset + i} (Adam's step
     * over the CNN example's 207 000 parameters: 0.42 ms, against 1.15 ms). Saved and loaded as {@link #state()} is,
     * every value starting at {@code initial}; take them in the constructor, always in the same order.
     */
    protected final ChunkState chunkState(double initial) {
        double[] whole = state();
        Arrays.fill(whole, initial);
        chunkStates.add(whole);
        return new ChunkState(chunkStates.size() - 1);
    }

    /** A handle on a {@link #chunkState(double) chunk state}, for {@link Chunk#state}. */
    protected static final class ChunkState {

        private final int index;

        private ChunkState(int index) {
            this.index = index;
        }
    }

    /**
     * The elements {@code offset()} to {@code offset() + length() - 1} of the parameter buffer, as {@link #update}
     * sees them: values and gradients (already negated when {@link #maximizing}) in double precision, indexed from 0,
     * and each chunk state's part, indexed alike. Each half of a step has one of its own.
     */
    protected static final class Chunk {

        private final double[] values = new double[CHUNK];
        private final double[] gradients = new double[CHUNK];
        private final float[] floats = new float[CHUNK];
        private final double[][] states;
        private int offset;
        private int length;

        private Chunk(int states) {
            this.states = new double[states][CHUNK];
        }

        /** The values to update in place; the first {@link #length()} count. */
        public double[] values() {
            return values;
        }

        /** The gradients; changing them changes nothing outside this chunk's update. */
        public double[] gradients() {
            return gradients;
        }

        /** This chunk's part of a chunk state, to read and update in place. */
        public double[] state(ChunkState state) {
            return states[state.index];
        }

        /** The index in the parameter buffer of element 0 (for {@link ElementwiseOptimizer#state()} arrays). */
        public int offset() {
            return offset;
        }

        public int length() {
            return length;
        }
    }

    @Override
    public final void saveState(DataOutput out) throws IOException {
        out.writeDouble(learningRate);
        out.writeLong(step);
        for (double[] array : stateArrays) {
            StateArrays.write(out, array);
        }
    }

    @Override
    public final void loadState(DataInput in) throws IOException {
        learningRate = in.readDouble();
        step = in.readLong();
        for (double[] array : stateArrays) {
            StateArrays.read(in, array);
        }
    }

    /** Called once per step before any element is updated, with the 1-based step number. */
    protected void beginStep(long step, double learningRate) {
    }

    /**
     * Updates {@code chunk.values()[i]} (and the state) from {@code chunk.gradients()[i]} for
     * {@code i < chunk.length()}. With two threads, two chunks are updated at once: write nothing but the chunk's
     * values, its chunk states and the elements {@code chunk.offset()} to {@code chunk.offset() + chunk.length() - 1}
     * of {@link #state()} arrays.
     */
    protected abstract void update(Chunk chunk);

    @Override
    public final void zeroGradients() {
        parameters.zeroGradients();
    }

    /** With two threads, each step updates the two halves of the buffer at once; the bits are the same. */
    @Override
    public final void useThreads(int threads) {
        this.threads = threads;
        halves = null;
    }

    @Override
    public final void step() {
        if (halves == null) {
            halves = size < Halves.ELEMENTWISE_FROM ? Halves.whole(part(0, size))
                    : Halves.of(threads, part(0, size / 2), part(size / 2, size));
        }
        step++;
        beginStep(step, learningRate);
        halves.run();
    }

    /** The update of the elements {@code from} to {@code to - 1}, a chunk at a time through a chunk of its own. */
    private Runnable part(int from, int to) {
        Chunk chunk = new Chunk(chunkStates.size());
        return () -> {
            for (int offset = from; offset < to; offset += CHUNK) {
                update(chunk, offset, Math.min(CHUNK, to - offset));
            }
        };
    }

    private void update(Chunk chunk, int offset, int length) {
        chunk.offset = offset;
        chunk.length = length;
        read(chunk);
        if (maximize) {
            double[] gradients = chunk.gradients;
            for (int i = 0; i < length; i++) {
                gradients[i] = -gradients[i];
            }
        }
        for (int k = 0; k < chunk.states.length; k++) {
            System.arraycopy(chunkStates.get(k), offset, chunk.states[k], 0, length);
        }
        update(chunk);
        for (int k = 0; k < chunk.states.length; k++) {
            System.arraycopy(chunk.states[k], 0, chunkStates.get(k), offset, length);
        }
        write(chunk);
    }

    private void read(Chunk chunk) {
        int offset = chunk.offset;
        int length = chunk.length;
        if (floatValues != null) {
            floatValues.get(offset, chunk.floats, 0, length);
            for (int i = 0; i < length; i++) {
                chunk.values[i] = chunk.floats[i];
            }
            floatGradients.get(offset, chunk.floats, 0, length);
            for (int i = 0; i < length; i++) {
                chunk.gradients[i] = chunk.floats[i];
            }
        } else {
            doubleValues.get(offset, chunk.values, 0, length);
            doubleGradients.get(offset, chunk.gradients, 0, length);
        }
    }

    private void write(Chunk chunk) {
        if (floatValues != null) {
            for (int i = 0; i < chunk.length; i++) {
                chunk.floats[i] = (float) chunk.values[i];
            }
            floatValues.put(chunk.offset, chunk.floats, 0, chunk.length);
        } else {
            doubleValues.put(chunk.offset, chunk.values, 0, chunk.length);
        }
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }
}
