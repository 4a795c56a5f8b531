package io.trainyard.plugins.layer;

import io.trainyard.api.model.BatchBuffers;
import io.trainyard.api.model.Layer;
import io.trainyard.plugins.host.HostArray;
import io.trainyard.plugins.host.PerBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer whose output has its input's shape and whose arithmetic is a Java loop over {@code [rows, columns]}
 * (rows are samples, columns every other dimension). The base class copies the batch in and out; subclasses see
 * plain arrays. The arrays grow to the largest batch and are reused, so a batch allocates nothing.
 */
abstract class HostLayer implements Layer {

    private final BatchBuffers outputs = new BatchBuffers();
    private final BatchBuffers inputGradients = new BatchBuffers();
    /** Input, output and gradient buffers of up to two batch sizes in each direction. */
    private final PerBuffer<HostArray> host = new PerBuffer<>(8, HostArray::of);
    private double[] input = new double[0];
    private double[] output = new double[0];
    private double[] gradOutput = new double[0];
    private double[] gradInput = new double[0];
    private INDArray lastInput;
    private int rows;
    private int columns;

    /** Computes {@code output} from {@code input}, both {@code rows x columns} in row-major order. */
    abstract void forward(double[] input, double[] output, int rows, int columns, boolean training);

    /**
     * Adds parameter gradients, if any, and, unless {@code gradInput} is null, writes the input gradient; sees the
     * last forward's input and output.
     */
    abstract void backward(double[] input, double[] output, double[] gradOutput, double[] gradInput, int rows,
            int columns);

    /** Whether this layer passes its input through unchanged in this mode (dropout in evaluation). */
    boolean isIdentity(boolean training) {
        return false;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public final INDArray forward(INDArray batch, boolean training) {
        if (isIdentity(training)) {
            lastInput = null;
            return batch;
        }
        lastInput = batch;
        rows = Math.toIntExact(batch.size(0));
        columns = Math.toIntExact(batch.length() / Math.max(1, rows));
        HostArray in = host.get(batch);
        input = fit(input, in.length());
        output = fit(output, in.length());
        in.read(input);
        forward(input, output, rows, columns, training);
        INDArray result = outputs.like(batch);
        host.get(result).write(output);
        return result;
    }

    @Override
    public final INDArray backward(INDArray batchGradient, boolean inputGradient) {
        if (lastInput == null) {
            return inputGradient ? batchGradient : null;
        }
        HostArray in = host.get(batchGradient);
        gradOutput = fit(gradOutput, in.length());
        in.read(gradOutput);
        if (!inputGradient) {
            backward(input, output, gradOutput, null, rows, columns);
            return null;
        }
        gradInput = fit(gradInput, in.length());
        backward(input, output, gradOutput, gradInput, rows, columns);
        INDArray result = inputGradients.like(lastInput);
        host.get(result).write(gradInput);
        return result;
    }

    private static double[] fit(double[] array, int length) {
        return array.length >= length ? array : new double[length];
    }
}
