package io.trainyard.api.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A chain of layers sharing one flat parameter buffer. Building one checks every layer's input shape, allocates the
 * buffers, binds each layer to its slice and initialises the layers in order from the context's random source.
 */
public final class Sequential implements Model {

    private final List<Layer> layers;
    private final long[][] inputShapes;
    /** Whether layer i must return its input gradient: only if a layer before it has parameters to train. */
    private final boolean[] propagates;
    private final long[] outputShape;
    private final Parameters parameters;

    public Sequential(List<Layer> layers, ModelContext context) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a sequential model needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        this.inputShapes = new long[layers.size()][];
        this.propagates = new boolean[layers.size()];
        long[] shape = context.sampleShape();
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            inputShapes[i] = shape;
            propagates[i] = total > 0;
            shape = layers.get(i).outputShape(shape);
            total += layers.get(i).parameterCount();
        }
        this.outputShape = shape;
        this.parameters = new Parameters(context.dataType(), total);
        long offset = 0;
        for (Layer layer : this.layers) {
            long count = layer.parameterCount();
            if (count > 0) {
                layer.bind(parameters.valuesView(offset, count), parameters.gradientsView(offset, count));
                layer.initialize(context.random());
            }
            offset += count;
        }
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        INDArray activation = input;
        for (int i = 0; i < layers.size(); i++) {
            activation = layers.get(i).forward(activation, training);
        }
        return activation;
    }

    @Override
    public void backward(INDArray gradOutput) {
        INDArray gradient = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            gradient = layers.get(i).backward(gradient, propagates[i]);
        }
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public List<double[]> state() {
        List<double[]> state = new ArrayList<>();
        layers.forEach(layer -> state.addAll(layer.state()));
        return state;
    }

    /** Gives the budget to every layer. */
    @Override
    public void useThreads(int threads) {
        layers.forEach(layer -> layer.useThreads(threads));
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The per-sample shape of the model's output. */
    public long[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public long trainingFlopsPerSample() {
        long flops = 0;
        for (int i = 0; i < layers.size(); i++) {
            flops += layers.get(i).forwardFlops(inputShapes[i]) + layers.get(i).backwardFlops(inputShapes[i], propagates[i]);
        }
        return flops;
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            text.append(String.format("%2d  %-28s %-16s %,d params%n", i, layer.describe(),
                    Arrays.toString(layer.outputShape(inputShapes[i])), layer.parameterCount()));
        }
        text.append(String.format("    total %,d trainable parameters", parameters.count()));
        return text.toString();
    }
}
