package io.trainyard.plugins.layer;

/** {@code sigmoid}: 1 / (1 + exp(-x)), elementwise. */
public final class SigmoidFactory extends ParameterFreeLayerFactory {

    public SigmoidFactory() {
        super("sigmoid", "1 / (1 + exp(-x)), elementwise", Sigmoid::new);
    }
}
