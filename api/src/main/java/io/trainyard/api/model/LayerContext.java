package io.trainyard.api.model;

import java.util.Random;

/**
 * What a {@link LayerFactory} needs to know about the layer's place in the model.
 *
 * @param inputShape the per-sample shape the layer receives, without the batch dimension
 * @param modelOutputs the model's number of outputs, for a final layer whose size is left out
 * @param random the model's seeded source, for layers that draw their own seeds (dropout)
 */
public record LayerContext(long[] inputShape, int modelOutputs, Random random) {

    public LayerContext {
        inputShape = inputShape.clone();
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }
}
