package io.trainyard.plugins.model;

import io.trainyard.testkit.GradientCheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.model.Sequential;
import io.trainyard.plugins.loss.CrossEntropyLoss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequentialAndCnnTest {

    private final SequentialFactory sequential = new SequentialFactory();

    @Test
    void sequentialBuildsTheListedLayersWithInferredSizes() {
        Sequential model = (Sequential) build(List.of("conv2d(4 padding=1)", "relu", "maxpool2d", "flatten",
                "linear(6)", "gelu(approximate=tanh)", "dropout(0.1)", "linear"), new long[] {1, 6, 6});
        assertEquals(List.of("Conv2d(1 -> 4, k3 s1 p1)", "ReLU", "MaxPool2d(k2 s2 p0)", "Flatten", "Linear(36 -> 6)",
                "GELU(tanh)", "Dropout(0.1)", "Linear(6 -> 3)"),
                model.layers().stream().map(layer -> layer.describe()).toList());
    }

    @Test
    void wholeConvolutionalNetworkPassesAGradientCheck() {
        Model model = build(List.of("conv2d(3, kernel_size=3, padding=1)", "tanh", "maxpool2d(2)", "conv2d(2 kernel_size=2)",
                "gelu", "flatten", "batchnorm1d", "linear(5)", "leaky-relu(0.1)", "linear"), new long[] {2, 6, 6});
        GradientCheck.assertModelGradients("conv net", model, GradientCheck.gaussian(new Random(5), 4, 2, 6, 6),
                new CrossEntropyLoss(true), Nd4j.createFromArray(new double[] {0, 2, 1, 2}));
    }

    @Test
    void convolutionsTakePyTorchsPerAxisSettingsWrittenInParentheses() {
        Sequential model = (Sequential) build(List.of("conv2d(4 kernel_size=(3, 5) padding=same)",
                "conv2d(4 kernel_size=3 stride=(2 1) dilation=(1 2) padding=(1 2) groups=2 bias=false)"),
                new long[] {2, 6, 7});
        assertEquals(List.of("Conv2d(2 -> 4, height k3 s1 p1, width k5 s1 p2)",
                "Conv2d(4 -> 4, height k3 s2 p1, width k3 s1 p2 d2, groups 2, no bias)"),
                model.layers().stream().map(layer -> layer.describe()).toList());
        assertEquals(4 * 2 * 15 + 4 + 4 * 2 * 9, model.layers().stream().mapToLong(layer -> layer.parameterCount())
                .sum());
        assertArrayEquals(new long[] {4, 3, 7}, model.outputShape());
    }

    @Test
    void layerMistakesNameThePlaceAndTheUsage() {
        assertError("model.layers[1]: unknown layer 'rleu'; available: batchnorm1d, conv2d,", List.of("flatten", "rleu"));
        assertError("model.layers[0]: too many arguments; usage: conv2d(out_channels=16 kernel_size=3 stride=1"
                + " padding=0 dilation=1 groups=1 bias=true)", List.of("conv2d(8 3 1 0 1 1 false 2)"));
        assertError("model.layers[0]: conv2d argument bias must be true or false, got '2'",
                List.of("conv2d(8 3 1 0 1 1 2)"));
        assertError("model.layers[0]: conv2d argument kernel_size must be an integer, or several in parentheses such"
                + " as (3 5), got '(3 x)'", List.of("conv2d(8 kernel_size=(3 x))"));
        assertError("model.layers[0]: conv2d kernel_size takes one number or two (height width), got 3",
                List.of("conv2d(8 kernel_size=(3 3 3))"));
        assertError("model.layers[0]: conv2d padding must be a number, (height width), same or valid (numbers >= 0),"
                + " got 'half'", List.of("conv2d(8 padding=half)"));
        assertError("model.layers[0]: conv2d padding=same needs stride 1", List.of("conv2d(8 stride=2 padding=same)"));
        assertError("model.layers[0]: Conv2d groups must divide both the input channels and out_channels; got 1 and 3"
                + " channels for 2 groups", List.of("conv2d(3 groups=2)"));
        assertError("model.layers[0]: unbalanced parentheses in 'conv2d(8 kernel_size=(3 5)'",
                List.of("conv2d(8 kernel_size=(3 5)"));
        assertError("model.layers[0]: dropout argument p must be a decimal, got 'half'", List.of("dropout(half)"));
        assertError("model.layers[0]: dropout argument p must be in [0, 1], got 1.5", List.of("dropout(1.5)"));
        assertError("model.layers[0]: conv2d has no argument 'kernal'", List.of("conv2d(8 kernal=3)"));
        assertError("model.layers[0]: gelu approximate must be none or tanh, got 'fast'",
                List.of("gelu(approximate=fast)"));
        assertError("model.layers[0]: maxpool2d padding must be at most half of kernel_size",
                List.of("maxpool2d(2 padding=2)"));
        assertError("model.layers[1]: linear needs flat inputs, got shape [4, 4, 4]; add flatten before it",
                List.of("conv2d(4)", "linear"));
        assertError("model.layers[0]: MaxPool2d(k7 s7 p0): input [1, 6, 6] is smaller than the window",
                List.of("maxpool2d(7)"));
    }

    @Test
    void syntaxMistakesAreCaughtWhenTheFileLoads() {
        TrainyardException error = assertThrows(TrainyardException.class, () -> sequential.validate(
                PluginConfig.withDefaults(sequential, Map.of("layers", List.of("relu", "linear(3")))));
        assertTrue(error.getMessage().startsWith("model.layers[1]: cannot read layer 'linear(3'"), error.getMessage());
    }

    @Test
    void cnnHasTheExpectedLayersAndParameterCount() {
        CnnFactory cnn = new CnnFactory();
        Model model = cnn.create(PluginConfig.withDefaults(cnn, Map.of()),
                new ModelContext(new long[] {1, 28, 28}, 10, DataType.FLOAT, new Random(0)));
        // conv 16*9+16, conv 32*16*9+32, linear 32*7*7*128+128, linear 128*10+10
        assertEquals(160 + 4_640 + 200_832 + 1_290, model.parameters().count());
        TrainyardException even = assertThrows(TrainyardException.class,
                () -> cnn.validate(PluginConfig.withDefaults(cnn, Map.of("kernel_size", 4L))));
        assertEquals("model.kernel_size must be odd so that convolutions keep the image size; got 4",
                even.getMessage());
    }

    @Test
    void aSequentialModelGivesTheThreadBudgetToEveryLayer() {
        List<Integer> given = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            layers.add(new Layer() {
                @Override
                public String describe() {
                    return "budget";
                }

                @Override
                public long[] outputShape(long[] inputShape) {
                    return inputShape;
                }

                @Override
                public INDArray forward(INDArray input, boolean training) {
                    return input;
                }

                @Override
                public INDArray backward(INDArray gradOutput, boolean inputGradient) {
                    return gradOutput;
                }

                @Override
                public void useThreads(int threads) {
                    given.add(threads);
                }
            });
        }
        new Sequential(layers, new ModelContext(new long[] {3}, 3, DataType.FLOAT, new Random(1))).useThreads(2);
        assertEquals(List.of(2, 2), given);
    }

    @Test
    void cnnPoolsBeforeItsReluAndGetsExactlyTheNumbersOfReluThenPool() {
        CnnFactory cnn = new CnnFactory();
        PluginConfig config = PluginConfig.withDefaults(cnn, Map.of("channels", List.of(3L, 4L), "hidden", 5L));
        Sequential fast = (Sequential) cnn.create(config, new ModelContext(new long[] {2, 8, 8}, 3, DataType.FLOAT,
                new Random(3)));
        assertEquals(List.of("Conv2d(2 -> 3, k3 s1 p1)", "MaxPool2d(k2 s2 p0)", "ReLU"),
                fast.layers().subList(0, 3).stream().map(layer -> layer.describe()).toList());
        List<Layer> textbook = new ArrayList<>(((Sequential) cnn.create(config, new ModelContext(new long[] {2, 8, 8},
                3, DataType.FLOAT, new Random(3)))).layers());
        Collections.swap(textbook, 1, 2);
        Collections.swap(textbook, 4, 5);
        Sequential reference = new Sequential(textbook, new ModelContext(new long[] {2, 8, 8}, 3, DataType.FLOAT,
                new Random(4)));
        // Small integers and halves: exact in float, so windows hold ties, zeros and negative maxima.
        Random random = new Random(11);
        reference.parameters().values().assign(Nd4j.createFromArray(halves(random, fast.parameters().count()))
                .reshape(reference.parameters().values().shape()));
        fast.parameters().values().assign(reference.parameters().values());
        INDArray input = Nd4j.createFromArray(halves(random, 4 * 2 * 8 * 8)).reshape(4, 2, 8, 8);
        INDArray gradOutput = Nd4j.createFromArray(halves(random, 4 * 3)).reshape(4, 3);
        for (Sequential model : List.of(fast, reference)) {
            model.parameters().zeroGradients();
        }
        INDArray expected = reference.forward(input, true).dup();
        reference.backward(gradOutput);
        assertArrayEquals(expected.data().asFloat(), fast.forward(input, true).data().asFloat());
        fast.backward(gradOutput);
        assertTrue(reference.parameters().gradients().neq(0).any(), "the check sees nonzero gradients");
        assertArrayEquals(reference.parameters().gradients().data().asFloat(),
                fast.parameters().gradients().data().asFloat());
    }

    private static float[] halves(Random random, long count) {
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextInt(7) - 3) / 2f;
        }
        return values;
    }

    private Model build(List<String> layers, long[] sampleShape) {
        PluginConfig config = PluginConfig.withDefaults(sequential, Map.of("layers", layers));
        sequential.validate(config);
        return sequential.create(config, new ModelContext(sampleShape, 3, DataType.DOUBLE, new Random(1),
                BuiltInLayers.byName()));
    }

    private void assertError(String expectedStart, List<String> layers) {
        TrainyardException error = assertThrows(TrainyardException.class, () -> build(layers, new long[] {1, 6, 6}));
        assertTrue(error.getMessage().startsWith(expectedStart), error.getMessage());
    }
}
