package io.trainyard.plugins.layer;

/** {@code tanh}: Hyperbolic tangent, elementwise. */
public final class TanhFactory extends ParameterFreeLayerFactory {

    public TanhFactory() {
        super("tanh", "Hyperbolic tangent, elementwise", Tanh::new);
    }
}
