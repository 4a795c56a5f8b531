package io.trainyard.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** RMSprop with lr = 0.01 and alpha = 0.99 over {@link GradientSequence}. */
class RmsPropTest {

    @Test
    void plainRmsPropDividesByTheRootMeanSquare() {
        // Step 1: v = 0.01 g^2, so the step is lr g / (0.1 |g|) = 0.1 sign(g): p1 = (0.90000002, -1.90000001)
        // Step 2: v = (0.002875, 0.0115); p2 = (0.8626998346269039, -1.937300198851351)
        assertArrayEquals(new double[] {0.9117141347584844, -1.94663133357197},
                GradientSequence.run(p -> new RmsProp(p, 0.01, 0.99, 1e-8, 0, 0, false)), 1e-12);
    }

    @Test
    void centeredRmsPropWithMomentumAndWeightDecay() {
        // Step 1: g = (0.6, -1.2); v = 0.01 g^2, average = 0.01 g, v - average^2 = 0.0099 g^2;
        // buffer = g / (sqrt(0.0099) |g|) and p1 = (0.8994962353090928, -1.8994962268915865)
        assertArrayEquals(new double[] {0.6760816053757349, -1.7538012175225317},
                GradientSequence.run(p -> new RmsProp(p, 0.01, 0.99, 1e-8, 0.1, 0.9, true)), 1e-12);
    }
}
