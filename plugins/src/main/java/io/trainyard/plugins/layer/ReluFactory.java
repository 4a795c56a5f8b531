package io.trainyard.plugins.layer;

/** {@code relu}: max(0, x), elementwise. */
public final class ReluFactory extends ParameterFreeLayerFactory {

    public ReluFactory() {
        super("relu", "max(0, x), elementwise", Relu::new);
    }
}
