package io.trainyard.plugins.layer;

import static io.trainyard.plugins.PyTorchFixtures.array;
import static io.trainyard.plugins.PyTorchFixtures.assertClose;
import static io.trainyard.plugins.PyTorchFixtures.longs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.gson.JsonObject;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.Parameters;
import io.trainyard.plugins.PyTorchFixtures;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every layer against PyTorch on the same inputs, parameters and upstream gradient, in float64 and float32: output,
 * input gradient and parameter gradients. The reference values were computed once by
 * {@code plugins/src/test/pytorch/layer_fixtures.py} (PyTorch is not part of the build).
 */
class PyTorchLayerParityTest {

    static Stream<Arguments> cases() {
        return PyTorchFixtures.cases("layers.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name, JsonObject fixture, JsonObject record) {
        long[] shape = longs(fixture.getAsJsonArray("input_shape"));
        LayerFactory factory = PyTorchFixtures.plugin(LayerFactory.class, fixture, "layer");
        Layer layer = factory.create(PyTorchFixtures.config(factory, fixture),
                new LayerContext(Arrays.copyOfRange(shape, 1, shape.length), 0, new Random(1)));
        assertMatches(name, fixture, record, layer);
        if (layer instanceof Conv2d convolution) {
            assertMatches(name + " (unfolded GEMMs)", fixture, record, convolution.unfolded());
        }
    }

    private static void assertMatches(String name, JsonObject fixture, JsonObject record, Layer layer) {
        DataType type = PyTorchFixtures.dataType(record);
        double tolerance = PyTorchFixtures.tolerance(type);
        long[] shape = longs(fixture.getAsJsonArray("input_shape"));

        Parameters parameters = new Parameters(type, Math.max(1, layer.parameterCount()));
        if (layer.parameterCount() > 0) {
            layer.bind(parameters.valuesView(0, layer.parameterCount()),
                    parameters.gradientsView(0, layer.parameterCount()));
            layer.initialize(new Random(1));
            parameters.values().assign(array(record.getAsJsonArray("parameters"), type, 1, layer.parameterCount()));
            parameters.zeroGradients();
        }
        INDArray output = layer.forward(array(record.getAsJsonArray("input"), type, shape),
                fixture.get("training").getAsBoolean());
        assertArrayEquals(longs(record.getAsJsonArray("output_shape")), output.shape(), name + " output shape");
        assertClose(name + " output", record.getAsJsonArray("output"), output, tolerance);
        INDArray gradOutput = array(record.getAsJsonArray("grad_output"), type, output.shape());
        assertClose(name + " input gradient", record.getAsJsonArray("grad_input"), layer.backward(gradOutput, true),
                tolerance);
        if (layer.parameterCount() > 0) {
            assertClose(name + " parameter gradients", record.getAsJsonArray("parameter_gradients"),
                    parameters.gradients().reshape(layer.parameterCount()), tolerance);
        }
    }
}
