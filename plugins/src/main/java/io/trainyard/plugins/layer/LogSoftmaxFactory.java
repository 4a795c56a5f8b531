package io.trainyard.plugins.layer;

/** {@code log-softmax}: Logarithm of softmax, computed stably; pair it with the nll loss. */
public final class LogSoftmaxFactory extends ParameterFreeLayerFactory {

    public LogSoftmaxFactory() {
        super("log-softmax", "Logarithm of softmax, computed stably; pair it with the nll loss", () -> new Softmax(true));
    }
}
