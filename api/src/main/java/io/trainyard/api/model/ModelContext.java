package io.trainyard.api.model;

import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a model factory needs to know to build a model for a dataset.
 *
 * @param sampleShape the shape of one input sample, without the batch dimension, e.g. {@code [1, 28, 28]}
 * @param outputs number of model outputs (classes for classification)
 * @param dataType the floating-point type of parameters and activations
 * @param random the source for parameter initialisation, seeded from the run's seed
 * @param layers every discovered {@link LayerFactory layer plugin} by name, for models that build layers by name
 */
public record ModelContext(long[] sampleShape, int outputs, DataType dataType, Random random,
        Map<String, LayerFactory> layers) {

    public ModelContext {
        sampleShape = sampleShape.clone();
        layers = Map.copyOf(layers);
    }

    /** A context without layer plugins, for models that build their layers themselves. */
    public ModelContext(long[] sampleShape, int outputs, DataType dataType, Random random) {
        this(sampleShape, outputs, dataType, random, Map.of());
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }
}
