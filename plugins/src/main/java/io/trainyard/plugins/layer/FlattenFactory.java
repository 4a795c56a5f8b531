package io.trainyard.plugins.layer;

/** {@code flatten}: Flattens each sample to one dimension, e.g. [16, 7, 7] to [784]. */
public final class FlattenFactory extends ParameterFreeLayerFactory {

    public FlattenFactory() {
        super("flatten", "Flattens each sample to one dimension, e.g. [16, 7, 7] to [784]", Flatten::new);
    }
}
