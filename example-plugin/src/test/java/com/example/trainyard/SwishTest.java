package com.example.trainyard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.trainyard.testkit.PluginContract;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class SwishTest {

    @Test
    void computesXTimesTheSigmoidOfBetaX() {
        // sigmoid(2) = 0.8807970779778823, sigmoid(-1) = 0.2689414213699951
        double[] output = new Swish(2).forward(Nd4j.createFromArray(new double[][] {{1, -0.5, 0}}), false)
                .toDoubleVector();
        assertArrayEquals(new double[] {0.8807970779778823, -0.5 * 0.2689414213699951, 0}, output, 1e-15);
    }

    @Test
    void passesTheLayerContract() {
        PluginContract.checkLayer(new SwishFactory(), 2, 3);
    }
}
