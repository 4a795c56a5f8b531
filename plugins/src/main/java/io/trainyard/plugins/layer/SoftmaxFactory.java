package io.trainyard.plugins.layer;

/** {@code softmax}: exp(x_i) / sum_j exp(x_j) over each sample's last dimension. */
public final class SoftmaxFactory extends ParameterFreeLayerFactory {

    public SoftmaxFactory() {
        super("softmax", "exp(x_i) / sum_j exp(x_j) over each sample's last dimension", () -> new Softmax(false));
    }
}
