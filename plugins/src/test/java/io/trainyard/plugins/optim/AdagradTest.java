package io.trainyard.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Adagrad with lr = 0.1 over {@link GradientSequence}. */
class AdagradTest {

    @Test
    void adagradDividesByTheRootOfTheSumOfSquares() {
        // Step 1: s = g^2, step lr sign(g): p1 = (0.9, -1.9) less 1e-11 for eps
        // Step 2: s = (0.29, 1.16); p2 = (0.9 - 0.02/sqrt(0.29), -1.9 - 0.04/sqrt(1.16)) = (0.86286093, -1.93713907)
        assertArrayEquals(new double[] {0.9115273587228202, -1.9463840709115277},
                GradientSequence.run(p -> new Adagrad(p, 0.1, 0, 0, 1e-10, 0)), 1e-12);
    }

    @Test
    void learningRateDecaysWithTheStepAndTheSumStartsFromTheInitialValue() {
        // Step 1: g = g + 0.1 p0 = (0.6, -1.2); s = 0.1 + g^2 = (0.46, 1.54); clr = 0.1
        //   p1 = (1 - 0.06/sqrt(0.46), -2 + 0.12/sqrt(1.54)) = (0.9115348263, -1.9033012443)
        // Step 2 uses clr = 0.1 / 1.5, step 3 clr = 0.1 / 2.
        assertArrayEquals(new double[] {0.8990086085074127, -1.9107844064991377},
                GradientSequence.run(p -> new Adagrad(p, 0.1, 0.5, 0.1, 1e-10, 0.1)), 1e-12);
    }
}
