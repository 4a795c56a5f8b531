package com.example.trainyard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.api.PluginConfig;
import io.trainyard.testkit.PluginContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** How a plugin author tests with the kit: hand-computed values plus the kit's contracts. */
class MultiMarginLossTest {

    private final MultiMarginLossFactory factory = new MultiMarginLossFactory();

    @Test
    void matchesPyTorchsDocumentedExample() {
        // torch.nn.MultiMarginLoss()(tensor([[0.1, 0.2, 0.4, 0.8]]), tensor([3])) = 0.3250:
        // (1 - 0.8 + 0.1) + (1 - 0.8 + 0.2) + (1 - 0.8 + 0.4) = 1.3, divided by 4 classes.
        INDArray gradient = Nd4j.zeros(1, 4).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        double loss = factory.create(PluginConfig.withDefaults(factory, Map.of())).compute(
                Nd4j.createFromArray(new double[][] {{0.1, 0.2, 0.4, 0.8}}), Nd4j.createFromArray(new double[] {3}),
                gradient);
        assertEquals(0.325, loss, 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, -0.75}, gradient.data().asDouble(), 1e-12);
    }

    @Test
    void passesTheLossContract() {
        PluginContract.checkLoss(factory, Nd4j.createFromArray(new double[][] {{0.3, -1.2, 2.0}, {0.7, 0.1, -0.4}}),
                Nd4j.createFromArray(new double[] {2, 0}));
    }
}
