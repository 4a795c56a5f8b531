package io.trainyard.api.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model's parameters and their gradients, for callbacks to read (a weight norm, a histogram, a count of dead
 * units) and never to change: the trainer owns them, and a callback that must change the gradients does so in
 * {@code onBeforeOptimizerStep}. Reading allocates nothing. The layout is the model's: each layer's parameters in
 * model order, each in the order its {@link Layer} documents (for {@code linear}, the weights row by row, then the
 * bias).
 */
public final class ParameterView {

    private final long count;
    private final DataType type;
    private final FloatBuffer floatValues;
    private final FloatBuffer floatGradients;
    private final DoubleBuffer doubleValues;
    private final DoubleBuffer doubleGradients;

    public ParameterView(Parameters parameters) {
        this.count = parameters.count();
        this.type = parameters.dataType();
        boolean single = type == DataType.FLOAT;
        // Read-only buffers over the native memory: a callback cannot write through them.
        this.floatValues = single ? parameters.values().data().asNioFloat().asReadOnlyBuffer() : null;
        this.floatGradients = single ? parameters.gradients().data().asNioFloat().asReadOnlyBuffer() : null;
        this.doubleValues = single ? null : parameters.values().data().asNioDouble().asReadOnlyBuffer();
        this.doubleGradients = single ? null : parameters.gradients().data().asNioDouble().asReadOnlyBuffer();
    }

    /** How many parameters the model has. */
    public long count() {
        return count;
    }

    /** FLOAT when the engine trains (DOUBLE in gradient checks). */
    public DataType dataType() {
        return type;
    }

    public double value(int index) {
        return floatValues != null ? floatValues.get(index) : doubleValues.get(index);
    }

    /** The gradient of the batch in progress (zero before its backward pass). */
    public double gradient(int index) {
        return floatGradients != null ? floatGradients.get(index) : doubleGradients.get(index);
    }

    /** The sum of squared values, in double precision: the square of the weights' L2 norm. */
    public double sumOfSquares() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double value = value(i);
            sum += value * value;
        }
        return sum;
    }
}
