package io.trainyard.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Parameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Adam, AdamW and AMSGrad with lr = 0.1 over {@link GradientSequence}. */
class AdamTest {

    @Test
    void adamFollowsTheBiasCorrectedMoments() {
        // Step 1: m = 0.1 g, v = 0.001 g^2, so m^ = g and v^ = g^2: each element moves by lr sign(g)
        // (less a hair for eps): p1 = (0.900000002, -1.900000001).
        // Step 2: m = (0.065, -0.05), v = (0.0002898, 0.0011590): p2 = (0.8101424839029282, -1.865439416662626)
        assertArrayEquals(new double[] {0.7805871509237353, -1.8447499006515093},
                GradientSequence.run(p -> adam(p, 0.999, 0, false, false)), 1e-12);
    }

    @Test
    void adamAddsWeightDecayToTheGradient() {
        // Step 1 gradient g + 0.1 p0 = (0.6, -1.2); the step is still lr sign(g) but eps/|g| differs:
        // p1 = (0.9000000016666666, -1.9000000008333333)
        assertArrayEquals(new double[] {0.7591889719520595, -1.80139767437706},
                GradientSequence.run(p -> adam(p, 0.999, 0.1, false, false)), 1e-12);
    }

    @Test
    void adamWShrinksTheParametersBeforeTheAdamStep() {
        // Step 1: p0 (1 - 0.1 * 0.1) = (0.99, -1.98), then the Adam step of lr sign(g): p1 = (0.890000002, -1.880000001)
        assertArrayEquals(new double[] {0.753774726064906, -1.7876835064749832},
                GradientSequence.run(p -> adam(p, 0.999, 0.1, false, true)), 1e-12);
    }

    @Test
    void amsgradKeepsTheLargestSecondMoment() {
        // With beta2 = 0.5 the first element's v falls from 0.125 to 0.0825 at step 2; AMSGrad keeps 0.125.
        // Plain Adam ends at (0.7633548410031785, -1.831026735102571); AMSGrad takes smaller steps.
        assertArrayEquals(new double[] {0.7633548410031785, -1.831026735102571},
                GradientSequence.run(p -> adam(p, 0.5, 0, false, false)), 1e-12);
        assertArrayEquals(new double[] {0.7883773495770237, -1.850684763483937},
                GradientSequence.run(p -> adam(p, 0.5, 0, true, false)), 1e-12);
    }

    @Test
    void singlePrecisionParametersAreUpdatedAcrossChunkBoundaries() {
        // 5000 elements span three chunks; the first Adam step moves every element by lr sign(g), so any element
        // updated with another element's gradient or skipped shows.
        int size = 5000;
        Parameters parameters = new Parameters(DataType.FLOAT, size);
        float[] values = new float[size];
        float[] gradients = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = i;
            gradients[i] = i % 2 == 0 ? 0.25f : -4f;
        }
        parameters.values().assign(Nd4j.createFromArray(new float[][] {values}));
        parameters.gradients().assign(Nd4j.createFromArray(new float[][] {gradients}));
        adam(parameters, 0.999, 0, false, false).step();
        float[] updated = parameters.values().data().asFloat();
        for (int i = 0; i < size; i++) {
            assertEquals(i + (i % 2 == 0 ? -0.1 : 0.1), updated[i], 1e-3, "element " + i);
        }
    }

    @Test
    void everyChunkKeepsItsOwnMomentsStepAfterStep() {
        // The two-element sequence repeated over 5000 elements (three chunks), three steps, AdamW and AMSGrad alike:
        // each pair must end exactly where the two-element run does.
        for (boolean variant : new boolean[] {false, true}) {
            double[] expected = GradientSequence.run(p -> adam(p, 0.5, 0.1, variant, variant));
            double[] repeated = GradientSequence.runRepeated(2500, p -> adam(p, 0.5, 0.1, variant, variant));
            for (int i = 0; i < repeated.length; i++) {
                assertEquals(expected[i % 2], repeated[i], 0.0, "element " + i);
            }
        }
    }

    @Test
    void betasMustBeAPair() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> new AdamFactory().validate(config(List.of(0.9))));
        assertEquals("optimizer.betas needs two values, e.g. [0.9, 0.999]; got [0.9]", error.getMessage());
    }

    private static PluginConfig config(List<Double> betas) {
        return new PluginConfig("adam", Map.of("lr", 0.1, "betas", betas, "eps", 1e-8, "weight_decay", 0.0,
                "amsgrad", false));
    }

    private static Adam adam(Parameters parameters, double beta2, double weightDecay, boolean amsgrad,
            boolean decoupled) {
        return new Adam(parameters, 0.1, 0.9, beta2, 1e-8, weightDecay, amsgrad, decoupled);
    }
}
