package io.trainyard.plugins.layer;

import io.trainyard.testkit.GradientCheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.Parameters;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Gradient checks of each layer's input and parameter gradients, in double precision. */
class LayerGradientTest {

    private final Random random = new Random(7);

    @Test
    void linearGradientsMatchFiniteDifferences() {
        Linear linear = new Linear(4, 3);
        Parameters parameters = bind(linear);
        checkLayer(linear, parameters, random(5, 4));
        Linear withoutBias = new Linear(4, 3, false);
        assertEquals(12, withoutBias.parameterCount());
        checkLayer(withoutBias, bind(withoutBias), random(5, 4));
    }

    @Test
    void linearParameterGradientsWithoutAnInputGradientMatchFiniteDifferences() {
        // A first layer's backward pass: the parameters' gradients for two halves of the output units, on two threads
        // (from Linear.UNIT_HALVES_FROM units; three are not split).
        for (Linear linear : new Linear[] {new Linear(4, 65), new Linear(4, 65, false), new Linear(4, 3)}) {
            linear.useThreads(2);
            Parameters parameters = bind(linear);
            INDArray input = random(5, 4);
            INDArray outputWeights = random(linear.forward(input, true).shape());
            assertNull(linear.backward(outputWeights, false));
            GradientCheck.assertGradient(linear.describe() + " parameters", parameters.values(),
                    parameters.gradients().dup(), () -> linear.forward(input, true).mul(outputWeights).sumNumber()
                            .doubleValue());
        }
    }

    @Test
    void aLinearLayerSplitByUnitsComputesEachBatchSizeItMeetsWhateverTheOrder() {
        // Each batch size has dense blocks of its own for the two halves of the units: a larger batch after a smaller
        // one (an evaluation batch below Linear.FORWARD_HALVES_FROM after the training batch) must not get the
        // smaller one's.
        Linear linear = new Linear(4, 65);
        linear.useThreads(2);
        Parameters parameters = bind(linear);
        for (int batch : new int[] {5, 9, 5, 200}) {
            INDArray input = random(batch, 4);
            INDArray expected = input.mmul(linear.weight().transpose()).addRowVector(linear.bias());
            assertArrayEquals(expected.data().asDouble(), linear.forward(input, false).dup().data().asDouble(),
                    1e-12, "forward, batch " + batch);
            INDArray gradOutput = random(batch, 65);
            parameters.gradients().assign(0);
            linear.backward(gradOutput, false);
            assertArrayEquals(gradOutput.transpose().mmul(input).data().asDouble(),
                    parameters.gradients().get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 65 * 4)).dup()
                            .data().asDouble(), 1e-12, "weight gradient, batch " + batch);
        }
    }

    /** Each convolution twice: on the native build's kernels where they apply, and as unfolded GEMMs. */
    private void checkConvolution(Conv2d convolution, INDArray input) {
        checkLayer(convolution, bind(convolution), input);
        Conv2d unfolded = convolution.unfolded();
        checkLayer(unfolded, bind(unfolded), input);
    }

    @Test
    void convolutionGradientsMatchFiniteDifferences() {
        checkConvolution(new Conv2d(2, 3, 3, 1, 1), random(2, 2, 5, 5));
        checkConvolution(new Conv2d(3, 2, 2, 2, 0), random(3, 3, 5, 4));
        Conv2d withoutBias = new Conv2d(2, 2, 3, 1, 1, false);
        assertEquals(36, withoutBias.parameterCount());
        checkConvolution(withoutBias, random(2, 2, 5, 5));
    }

    @Test
    void dilatedGroupedAndSamePaddedConvolutionGradientsMatchFiniteDifferences() {
        checkConvolution(new Conv2d(2, 2, ConvolutionAxis.padded(3, 1, 2, 2), ConvolutionAxis.padded(2, 2, 1, 0), 1,
                true), random(2, 2, 6, 5));
        Conv2d grouped = new Conv2d(4, 6, ConvolutionAxis.padded(3, 1, 1, 1), ConvolutionAxis.padded(3, 1, 1, 1), 2,
                true);
        assertEquals(6 * 2 * 9 + 6, grouped.parameterCount());
        checkConvolution(grouped, random(2, 4, 4, 4));
        Conv2d same = new Conv2d(2, 3, ConvolutionAxis.same(4, 1), ConvolutionAxis.same(3, 2), 1, false);
        assertArrayEquals(new long[] {3, 5, 6}, same.outputShape(new long[] {2, 5, 6}));
        checkConvolution(same, random(2, 2, 5, 6));
    }

    @Test
    void theTestsRunOnTheOneDnnBuildTheEngineLoadsOnThisProcessor() {
        // The engine loads ND4J's oneDNN build wherever the processor has AVX2 (NativeBuild); so do these tests.
        assertTrue(OneDnn.active(), "the oneDNN build of nd4j-native is on the test class path");
    }

    @Test
    void groupsMustDivideBothChannelCounts() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Conv2d(4, 3,
                ConvolutionAxis.padded(3, 1, 1, 0), ConvolutionAxis.padded(3, 1, 1, 0), 2, true));
        assertTrue(refused.getMessage().contains("groups must divide"), refused.getMessage());
    }

    @Test
    void convolutionComputesTheCrossCorrelationPlusBias() {
        // One 3x3 input, one 2x2 kernel [[1, 0], [0, -1]], bias 0.5, padding 1: out[i][j] = x[i-1][j-1] - x[i][j].
        Conv2d conv = new Conv2d(1, 1, 2, 1, 1);
        Parameters parameters = bind(conv);
        parameters.values().assign(Nd4j.createFromArray(new double[][] {{1, 0, 0, -1, 0.5}}));
        INDArray input = Nd4j.createFromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}).reshape(1, 1, 3, 3);
        INDArray output = conv.forward(input, false);
        assertArrayEquals(new long[] {1, 1, 4, 4}, output.shape());
        assertArrayEquals(new double[] {
            -0.5, -1.5, -2.5, 0.5,
            -3.5, -3.5, -3.5, 3.5,
            -6.5, -3.5, -3.5, 6.5,
            0.5, 7.5, 8.5, 9.5}, output.data().asDouble(), 1e-12);
    }

    @Test
    void parameterGradientsAccumulateAcrossBackwardCalls() {
        Conv2d conv = new Conv2d(1, 2, 3, 1, 1);
        Parameters parameters = bind(conv);
        INDArray input = random(2, 1, 4, 4);
        INDArray gradOutput = random(2, 2, 4, 4);
        conv.forward(input, true);
        conv.backward(gradOutput, false);
        INDArray once = parameters.gradients().dup();
        conv.backward(gradOutput, false);
        assertArrayEquals(once.mul(2).data().asDouble(), parameters.gradients().data().asDouble(), 1e-12);
    }

    @Test
    void maxPoolingGradientsMatchFiniteDifferences() {
        checkLayer(new MaxPool2d(2, 2, 0), null, random(2, 3, 4, 6));
        checkLayer(new MaxPool2d(3, 2, 1), null, random(2, 2, 5, 5));
        checkLayer(new MaxPool2d(2, 2, 0, true), null, random(2, 2, 5, 5));
    }

    @Test
    void maxPoolingTakesTheMaximumOfEachWindow() {
        INDArray input = Nd4j.createFromArray(new double[] {
            1, 5, -2, 0,
            3, 2, -1, -3,
            0, 0, 7, 1,
            -4, 9, 2, 8}).reshape(1, 1, 4, 4);
        assertArrayEquals(new double[] {5, 0, 9, 8}, new MaxPool2d(2, 2, 0).forward(input, false).data().asDouble());
        // Padding never wins: the corner window of a 3x3 window with padding 1 sees only 1, 5, 3, 2.
        assertArrayEquals(new double[] {5, 5, 9, 9}, new MaxPool2d(3, 2, 1).forward(input, false).data().asDouble());
    }

    @Test
    void aNaNInEitherHalfOfTheBatchWinsItsWindowAndTheSameBufferFiniteAgainPoolsAsUsual() {
        MaxPool2d pool = new MaxPool2d(2, 2, 0);
        pool.useThreads(2);
        // Three samples of one 2x2 window each: the halves are samples {0, 1} and {2}.
        for (int sample : new int[] {0, 2}) {
            INDArray input = Nd4j.createFromArray(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
                    .reshape(3, 1, 2, 2);
            input.putScalar(new long[] {sample, 0, 1, 0}, Float.NaN);
            double[] pooled = pool.forward(input, false).data().asDouble();
            input.putScalar(new long[] {sample, 0, 1, 0}, 20f);
            double[] finite = pool.forward(input, false).data().asDouble();
            for (int s = 0; s < 3; s++) {
                assertEquals(s == sample ? Double.NaN : 4 * s + 4, pooled[s], "NaN in sample " + sample);
                assertEquals(s == sample ? 20 : 4 * s + 4, finite[s], "finite again, sample " + sample);
            }
        }
    }

    @Test
    void geluGradientsMatchFiniteDifferences() {
        checkLayer(new Gelu(false), null, random(3, 5));
        checkLayer(new Gelu(true), null, random(3, 5));
    }

    @Test
    void geluIsXTimesTheNormalCdf() {
        // Phi(1) = 0.8413447460685429, Phi(-0.5) = 0.3085375387259869 (normal tables)
        INDArray input = Nd4j.createFromArray(new double[][] {{1, -0.5, 0}});
        assertArrayEquals(new double[] {0.8413447460685429, -0.5 * 0.3085375387259869, 0},
                new Gelu(false).forward(input, false).data().asDouble(), 1e-15);
        // tanh form at 1: 0.5 (1 + tanh(sqrt(2/pi) 1.044715)) = 0.8411919906082768
        assertEquals(0.8411919906082768, new Gelu(true).forward(input, false).getDouble(0), 1e-15);
    }

    @Test
    void erfMatchesTabulatedValues() {
        assertEquals(0.5204998778130465, Erf.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, Erf.erf(1), 1e-15);
        assertEquals(0.9953222650189527, Erf.erf(2), 1e-15);
        assertEquals(-0.9999779095030014, Erf.erf(-3), 1e-15);
        assertEquals(1.0, Erf.erf(7));
    }

    @Test
    void softmaxAndLogSoftmaxGradientsMatchFiniteDifferences() {
        checkLayer(new Softmax(false, 4, 1), null, random(3, 4));
        checkLayer(new Softmax(true, 4, 1), null, random(3, 4));
        // [2, 3, 4]: along the last dimension (dim=-1), and along the middle one (dim=1: 3 values, 4 apart).
        checkLayer(new Softmax(false, 4, 1), null, random(2, 3, 4));
        checkLayer(new Softmax(true, 3, 4), null, random(2, 3, 4));
    }

    @Test
    void softmaxNormalisesEachRowAndSurvivesLargeInputs() {
        INDArray input = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {1e4, 0, -1e4}});
        assertArrayEquals(new double[] {0.09003057317038046, 0.24472847105479767, 0.6652409557748219, 1, 0, 0},
                new Softmax(false, 3, 1).forward(input, false).data().asDouble(), 1e-15);
        double[] logs = new Softmax(true, 3, 1).forward(input, false).data().asDouble();
        assertEquals(Math.log(0.09003057317038046), logs[0], 1e-14);
        assertEquals(-2e4, logs[5], 1e-9);
    }

    @Test
    void softmaxNormalisesAlongItsDimensionOnly() {
        INDArray input = random(2, 3, 4);
        double[] x = input.dup().data().asDouble();
        double[] last = new Softmax(false, 4, 1).forward(input, false).data().asDouble();
        double[] middle = new Softmax(false, 3, 4).forward(input, false).data().asDouble();
        for (int sample = 0; sample < 2; sample++) {
            for (int row = 0; row < 3; row++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += Math.exp(x[sample * 12 + row * 4 + k]);
                }
                for (int k = 0; k < 4; k++) {
                    int at = sample * 12 + row * 4 + k;
                    assertEquals(Math.exp(x[at]) / sum, last[at], 1e-14);
                }
            }
            for (int column = 0; column < 4; column++) {
                double sum = 0;
                for (int row = 0; row < 3; row++) {
                    sum += Math.exp(x[sample * 12 + row * 4 + column]);
                }
                for (int row = 0; row < 3; row++) {
                    int at = sample * 12 + row * 4 + column;
                    assertEquals(Math.exp(x[at]) / sum, middle[at], 1e-14);
                }
            }
        }
    }

    @Test
    void batchNormRefusesATrainingBatchOfOneSampleAsPyTorchDoes() {
        BatchNorm1d norm = new BatchNorm1d(3, 1e-5, 0.1);
        bind(norm);
        INDArray one = random(1, 3);
        TrainyardException error = assertThrows(TrainyardException.class, () -> norm.forward(one, true));
        assertTrue(error.getMessage().startsWith("batchnorm1d: expected more than 1 value per channel when training"),
                error.getMessage());
        assertEquals(3, norm.forward(one, false).length(), "evaluation takes one sample");
    }

    @Test
    void batchNormGradientsMatchFiniteDifferencesInBothModes() {
        BatchNorm1d norm = new BatchNorm1d(3, 1e-5, 0.1);
        Parameters parameters = bind(norm);
        parameters.values().assign(Nd4j.createFromArray(new double[][] {{1.5, -0.5, 2, 0.1, 0.2, -0.3}}));
        checkLayer(norm, parameters, random(4, 3), true);
        checkLayer(norm, parameters, random(4, 3), false);
    }

    @Test
    void batchNormNormalisesWithBatchStatisticsAndTracksRunningOnes() {
        BatchNorm1d norm = new BatchNorm1d(1, 1e-5, 0.1);
        bind(norm);
        // Batch (1, 2, 3, 6): mean 3, biased variance 3.5, unbiased 14/3.
        INDArray input = Nd4j.createFromArray(new double[][] {{1}, {2}, {3}, {6}});
        double[] output = norm.forward(input, true).data().asDouble();
        assertEquals(-2 / Math.sqrt(3.5 + 1e-5), output[0], 1e-12);
        assertEquals(3 / Math.sqrt(3.5 + 1e-5), output[3], 1e-12);
        assertArrayEquals(new double[] {0.3}, norm.runningMean(), 1e-12);
        assertArrayEquals(new double[] {0.9 + 0.1 * 14 / 3}, norm.runningVariance(), 1e-12);
        // Evaluation uses the running statistics.
        double evaluated = norm.forward(input, false).getDouble(0);
        assertEquals((1 - 0.3) / Math.sqrt(0.9 + 0.1 * 14 / 3 + 1e-5), evaluated, 1e-12);
    }

    @Test
    void dropoutGradientMatchesFiniteDifferencesForAFixedMask() {
        // A fresh layer with the same seed draws the same mask, so the loss is a fixed function of the input.
        INDArray input = random(4, 5);
        INDArray outputWeights = random(4, 5);
        Dropout dropout = new Dropout(0.4, 11);
        dropout.forward(input, true);
        INDArray gradInput = dropout.backward(outputWeights, true).dup();
        GradientCheck.assertGradient("dropout", input, gradInput,
                () -> new Dropout(0.4, 11).forward(input, true).mul(outputWeights).sumNumber().doubleValue());
    }

    @Test
    void dropoutZeroesAboutPAndScalesTheRestAndIsTheIdentityInEvaluation() {
        INDArray input = Nd4j.ones(DataType.DOUBLE, 100, 100);
        double[] output = new Dropout(0.3, 5).forward(input, true).data().asDouble();
        long zeros = java.util.Arrays.stream(output).filter(value -> value == 0).count();
        assertEquals(3000, zeros, 150);
        assertTrue(java.util.Arrays.stream(output).allMatch(value -> value == 0 || Math.abs(value - 1 / 0.7) < 1e-12));
        assertSame(input, new Dropout(0.3, 5).forward(input, false));
        assertArrayEquals(new Dropout(0.3, 5).forward(input, true).data().asDouble(), output);
    }

    @Test
    void reluGradientMatchesFiniteDifferences() {
        checkLayer(new Relu(), null, random(4, 6));
    }

    @Test
    void reluPassesTheGradientExactlyWhereTheInputIsAboveZeroAsPyTorchsThresholdBackward() {
        // x <= 0 ? 0 : g, by hand: a NaN gradient at x = 0 is dropped, a gradient at a NaN input passes, and a tiny
        // positive input passes it whole. (At x = -0 the gradient is -0: equal to 0, the sign of a zero aside.)
        INDArray input = Nd4j.createFromArray(new float[][] {{-1f, 0f, -0f, 1e-7f, 1e-30f, 2f, Float.NaN}});
        INDArray gradOutput = Nd4j.createFromArray(new float[][] {{5f, Float.NaN, 6f, 7f, 8f, 9f, 10f}});
        Relu relu = new Relu();
        relu.forward(input, true);
        assertArrayEquals(new float[] {0f, 0f, 0f, 7f, 8f, 9f, 10f}, relu.backward(gradOutput, true).data().asFloat(),
                0f);
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

    private void checkLayer(Layer layer, Parameters parameters, INDArray input) {
        checkLayer(layer, parameters, input, true);
    }

    /** Loss = sum(output * weights) with fixed random weights, so d loss / d output = weights. */
    private void checkLayer(Layer layer, Parameters parameters, INDArray input, boolean training) {
        INDArray outputWeights = random(layer.forward(input, training).shape());
        if (parameters != null) {
            parameters.zeroGradients();
        }
        layer.forward(input, training);
        INDArray gradInput = layer.backward(outputWeights, true).dup();
        DoubleSupplier loss = () -> layer.forward(input, training).mul(outputWeights).sumNumber().doubleValue();
        GradientCheck.assertGradient(layer.describe() + " input", input, gradInput, loss);
        if (parameters != null) {
            GradientCheck.assertGradient(layer.describe() + " parameters", parameters.values(),
                    parameters.gradients().dup(), loss);
        }
    }

    private INDArray random(long... shape) {
        return GradientCheck.gaussian(random, shape);
    }
}
