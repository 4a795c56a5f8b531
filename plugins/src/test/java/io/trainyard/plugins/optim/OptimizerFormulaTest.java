package io.trainyard.plugins.optim;

import io.trainyard.testkit.ElementwiseReference;
import io.trainyard.testkit.PluginContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in per-element optimizers against PyTorch's documented update, one element at a time, through the kit's
 * formula check (settings off every default, FLOAT and DOUBLE, saved state); AdamTest, AdagradTest and RmsPropTest
 * hold them to numbers PyTorch computed.
 */
class OptimizerFormulaTest {

    @Test
    void adamFollowsTorchOptimAdam() {
        double lr = 0.01;
        double beta1 = 0.8;
        double beta2 = 0.9;
        double eps = 1e-3;
        double decay = 0.05;
        PluginContract.checkOptimizer(new AdamFactory(), Map.of("lr", lr, "betas", List.of(beta1, beta2), "eps", eps,
                "weight_decay", decay), new ElementwiseReference() {
                    @Override
                    public int stateSize() {
                        return 2;
                    }

                    @Override
                    public double step(double p, double g, double[] state, long t) {
                        double gradient = g + decay * p;
                        state[0] = beta1 * state[0] + (1 - beta1) * gradient;
                        state[1] = beta2 * state[1] + (1 - beta2) * gradient * gradient;
                        double mHat = state[0] / (1 - Math.pow(beta1, t));
                        double vHat = state[1] / (1 - Math.pow(beta2, t));
                        return p - lr * mHat / (Math.sqrt(vHat) + eps);
                    }
                });
    }

    @Test
    void adagradFollowsTorchOptimAdagrad() {
        double lr = 0.05;
        double lrDecay = 0.1;
        double decay = 0.02;
        double initial = 0.5;
        double eps = 1e-4;
        PluginContract.checkOptimizer(new AdagradFactory(), Map.of("lr", lr, "lr_decay", lrDecay, "weight_decay",
                decay, "initial_accumulator_value", initial, "eps", eps), new ElementwiseReference() {
                    @Override
                    public int stateSize() {
                        return 1;
                    }

                    @Override
                    public double step(double p, double g, double[] state, long t) {
                        double gradient = g + decay * p;
                        double rate = lr / (1 + (t - 1) * lrDecay);
                        state[0] += gradient * gradient; // the sum beyond the initial accumulator
                        return p - rate * gradient / (Math.sqrt(initial + state[0]) + eps);
                    }
                });
    }

    @Test
    void rmsPropWithMomentumFollowsTorchOptimRmsProp() {
        double lr = 0.02;
        double alpha = 0.9;
        double eps = 1e-3;
        double decay = 0.05;
        double momentum = 0.5;
        PluginContract.checkOptimizer(new RmsPropFactory(), Map.of("lr", lr, "alpha", alpha, "eps", eps,
                "weight_decay", decay, "momentum", momentum), new ElementwiseReference() {
                    @Override
                    public int stateSize() {
                        return 2;
                    }

                    @Override
                    public double step(double p, double g, double[] state, long t) {
                        double gradient = g + decay * p;
                        state[0] = alpha * state[0] + (1 - alpha) * gradient * gradient;
                        state[1] = momentum * state[1] + gradient / (Math.sqrt(state[0]) + eps);
                        return p - lr * state[1];
                    }
                });
    }
}
