package io.trainyard.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.trainyard.api.model.Layer;
import io.trainyard.api.model.Parameters;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient checks of each layer's input and parameter gradients, in double precision. */
class LayerGradientTest {

    private final Random random = new Random(7);

    @Test
    void linearGradientsMatchFiniteDifferences() {
        Linear linear = new Linear(4, 3);
        Parameters parameters = bind(linear);
        checkLayer(linear, parameters, random(5, 4));
    }

    @Test
    void reluGradientMatchesFiniteDifferences() {
        checkLayer(new Relu(), null, random(4, 6));
    }

    @Test
    void tanhGradientMatchesFiniteDifferences() {
        checkLayer(new Tanh(), null, random(4, 6));
    }

    @Test
    void sigmoidGradientMatchesFiniteDifferences() {
        checkLayer(new Sigmoid(), null, random(4, 6));
    }

    @Test
    void leakyReluGradientMatchesFiniteDifferences() {
        checkLayer(new LeakyRelu(0.1), null, random(4, 6));
    }

    @Test
    void activationsComputeTheirFunctions() {
        INDArray input = Nd4j.createFromArray(new double[][] {{-2, 0.5}});
        assertArrayEquals(new double[] {0, 0.5}, new Relu().forward(input, false).data().asDouble(), 1e-12);
        assertArrayEquals(new double[] {-0.2, 0.5}, new LeakyRelu(0.1).forward(input, false).data().asDouble(),
                1e-12);
        assertArrayEquals(new double[] {Math.tanh(-2), Math.tanh(0.5)},
                new Tanh().forward(input, false).data().asDouble(), 1e-12);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(2)), 1 / (1 + Math.exp(-0.5))},
                new Sigmoid().forward(input, false).data().asDouble(), 1e-12);
    }

    @Test
    void flattenPassesGradientsBackInTheInputShape() {
        Flatten flatten = new Flatten();
        INDArray input = random(2, 1, 3, 3);
        INDArray output = flatten.forward(input, true);
        assertArrayEquals(new long[] {2, 9}, output.shape());
        assertArrayEquals(new long[] {9}, flatten.outputShape(new long[] {1, 3, 3}));
        checkLayer(flatten, null, input);
    }

    @Test
    void linearComputesXTimesWeightTransposedPlusBias() {
        Linear linear = new Linear(2, 2);
        bind(linear);
        linear.weight().assign(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}));
        linear.bias().assign(Nd4j.createFromArray(new double[][] {{10, 20}}));
        INDArray output = linear.forward(Nd4j.createFromArray(new double[][] {{1, 1}, {2, -1}}), false);
        assertArrayEquals(new double[] {13, 27, 10, 22}, output.data().asDouble(), 1e-12);
    }

    @Test
    void linearInitialisesUniformlyWithinOneOverSqrtFanIn() {
        Linear linear = new Linear(100, 50);
        bind(linear);
        double bound = 1 / Math.sqrt(100);
        assertEquals(bound, linear.weight().amaxNumber().doubleValue(), bound * 0.01);
        assertEquals(0, linear.weight().meanNumber().doubleValue(), bound * 0.05);
        assertEquals(bound, linear.bias().amaxNumber().doubleValue(), bound * 0.2);
    }

    @Test
    void reluSkipsTheInputGradientWhenNotNeeded() {
        Relu relu = new Relu();
        relu.forward(random(2, 2), true);
        assertNull(relu.backward(random(2, 2), false));
    }

    private Parameters bind(Layer layer) {
        Parameters parameters = new Parameters(DataType.DOUBLE, layer.parameterCount());
        layer.bind(parameters.valuesView(0, layer.parameterCount()),
                parameters.gradientsView(0, layer.parameterCount()));
        layer.initialize(random);
        return parameters;
    }

    /** Loss = sum(output * weights) with fixed random weights, so d loss / d output = weights. */
    private void checkLayer(Layer layer, Parameters parameters, INDArray input) {
        INDArray outputWeights = random(layer.forward(input, true).shape());
        if (parameters != null) {
            parameters.zeroGradients();
        }
        layer.forward(input, true);
        INDArray gradInput = layer.backward(outputWeights, true).dup();
        java.util.function.DoubleSupplier loss =
                () -> layer.forward(input, true).mul(outputWeights).sumNumber().doubleValue();
        GradientCheck.assertGradient(layer.describe() + " input", input, gradInput, loss);
        if (parameters != null) {
            GradientCheck.assertGradient(layer.describe() + " parameters", parameters.values(),
                    parameters.gradients().dup(), loss);
        }
    }

    private INDArray random(long... shape) {
        INDArray array = Nd4j.zeros(DataType.DOUBLE, shape);
        for (long i = 0; i < array.length(); i++) {
            array.putScalar(i, random.nextGaussian());
        }
        return array;
    }
}
