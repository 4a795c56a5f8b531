package io.trainyard.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.parallel.Halves;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Three steps on p = (1, -2) with a constant gradient g = (0.5, 1) and lr = 0.1, against PyTorch's documented
 * update rule worked out by hand.
 */
class SgdTest {

    @Test
    void plainSgdSubtractsLearningRateTimesGradient() {
        // p1 = (1 - 0.05, -2 - 0.1); each step subtracts the same again.
        assertArrayEquals(new double[] {0.85, -2.3}, run(0, 0, 0, false), 1e-12);
    }

    @Test
    void momentumStartsFromTheFirstGradientThenAccumulates() {
        // b1 = g = (0.5, 1)            p1 = (0.95, -2.1)
        // b2 = 0.9 b1 + g = (0.95, 1.9)   p2 = (0.855, -2.29)
        // b3 = 0.9 b2 + g = (1.355, 2.71) p3 = (0.7195, -2.561)
        assertArrayEquals(new double[] {0.7195, -2.561}, run(0.9, 0, 0, false), 1e-12);
    }

    @Test
    void weightDecayIsAddedBeforeMomentumAndDampeningAppliesAfterTheFirstStep() {
        // d1 = g + 0.1 p0 = (0.6, 0.8);  b1 = d1;  p1 = (0.94, -2.08)
        // d2 = (0.594, 0.792); b2 = 0.9 b1 + 0.5 d2 = (0.837, 1.116); p2 = (0.8563, -2.1916)
        // d3 = (0.58563, 0.78084); b3 = 0.9 b2 + 0.5 d3 = (1.046115, 1.39482); p3 = (0.7516885, -2.331082)
        assertArrayEquals(new double[] {0.7516885, -2.331082}, run(0.9, 0.5, 0.1, false), 1e-12);
    }

    @Test
    void nesterovStepsAlongGradientPlusMomentumTimesBuffer() {
        // b1 = (0.5, 1);    step g + 0.9 b1 = (0.95, 1.9);    p1 = (0.905, -2.19)
        // b2 = (0.95, 1.9); step (1.355, 2.71);               p2 = (0.7695, -2.461)
        // b3 = (1.355, 2.71); step (1.7195, 3.439);           p3 = (0.59755, -2.8049)
        assertArrayEquals(new double[] {0.59755, -2.8049}, run(0.9, 0, 0, true), 1e-12);
    }

    @Test
    void stepLeavesTheGradientsAsTheyWere() {
        Parameters parameters = parameters();
        new Sgd(parameters, 0.1, 0.9, 0, 0.1, true).step();
        assertArrayEquals(new double[] {0.5, 1}, parameters.gradients().data().asDouble(), 0);
    }

    @Test
    void learningRateChangesTakeEffectOnTheNextStep() {
        Parameters parameters = parameters();
        Sgd sgd = new Sgd(parameters, 0.1, 0, 0, 0, false);
        sgd.setLearningRate(1.0);
        sgd.step();
        assertEquals(1.0, sgd.learningRate());
        assertArrayEquals(new double[] {0.5, -3}, parameters.values().data().asDouble(), 1e-12);
    }

    @Test
    void aVectorStepsInTwoHalvesOverTwoThreadsEveryElementAsThePairAlone() {
        // (1, -2) repeated: 2 * Halves.ELEMENTWISE_FROM values, so the step runs as two halves at once.
        int copies = (int) Halves.ELEMENTWISE_FROM;
        for (boolean nesterov : new boolean[] {false, true}) {
            for (boolean maximize : new boolean[] {false, true}) {
                double dampening = nesterov ? 0 : 0.5;
                double[] pair = run(1, 1, 0.9, dampening, 0.1, nesterov, maximize);
                double[] split = run(copies, 2, 0.9, dampening, 0.1, nesterov, maximize);
                for (int i = 0; i < split.length; i++) {
                    assertEquals(pair[i % 2], split[i], 0, "element " + i + (nesterov ? ", nesterov" : "")
                            + (maximize ? ", maximize" : ""));
                }
            }
        }
    }

    @Test
    void nesterovWithoutMomentumIsRejectedNamingTheKeys() {
        TrainyardException error = assertThrows(TrainyardException.class, () -> new SgdFactory().validate(
                new PluginConfig("sgd", Map.of("lr", 0.1, "momentum", 0.0, "dampening", 0.0, "weight_decay", 0.0,
                        "nesterov", true))));
        assertEquals("optimizer.nesterov needs optimizer.momentum > 0 and optimizer.dampening = 0;"
                + " set a momentum or drop nesterov", error.getMessage());
    }

    private static double[] run(double momentum, double dampening, double weightDecay, boolean nesterov) {
        return run(1, 0, momentum, dampening, weightDecay, nesterov, false);
    }

    /** Three steps on {@code copies} copies of the pair (1, -2), each with the gradient (0.5, 1). */
    private static double[] run(int copies, int threads, double momentum, double dampening, double weightDecay,
            boolean nesterov, boolean maximize) {
        Parameters parameters = parameters(copies);
        Sgd sgd = new Sgd(parameters, 0.1, momentum, dampening, weightDecay, nesterov).maximizing(maximize);
        sgd.useThreads(threads);
        for (int step = 0; step < 3; step++) {
            sgd.step();
        }
        return parameters.values().data().asDouble();
    }

    private static Parameters parameters() {
        return parameters(1);
    }

    private static Parameters parameters(int copies) {
        Parameters parameters = new Parameters(DataType.DOUBLE, 2L * copies);
        parameters.values().assign(Nd4j.tile(Nd4j.createFromArray(new double[][] {{1, -2}}), 1, copies));
        parameters.gradients().assign(Nd4j.tile(Nd4j.createFromArray(new double[][] {{0.5, 1}}), 1, copies));
        return parameters;
    }
}
