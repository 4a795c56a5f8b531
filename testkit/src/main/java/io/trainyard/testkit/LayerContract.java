package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.Parameters;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The layer contract; see {@link PluginContract#checkLayer}. */
final class LayerContract {

    static final int MODEL_OUTPUTS = 3;
    private static final int BATCH = 2;
    private static final long SEED = 23;

    private LayerContract() {
    }

    static void check(LayerFactory factory, long[] inputShape) {
        PluginContract.checkPlugin(factory);
        String name = factory.name();
        PluginConfig config = PluginConfig.withDefaults(factory, Map.of());
        Layer layer = build(factory, config, inputShape);
        assertFalse(layer.describe() == null || layer.describe().isBlank(), name + ": describe() is empty");
        long[] outputShape = layer.outputShape(inputShape);
        assertTrue(layer.parameterCount() >= 0, name + ": negative parameterCount()");
        Parameters parameters = new Parameters(DataType.DOUBLE, layer.parameterCount());
        bind(layer, parameters);
        layer.initialize(new Random(SEED));
        Parameters twinParameters = new Parameters(DataType.DOUBLE, layer.parameterCount());
        Layer twin = build(factory, config, inputShape);
        bind(twin, twinParameters);
        twin.initialize(new Random(SEED));
        assertArrayEquals(parameters.values().toDoubleVector(), twinParameters.values().toDoubleVector(),
                name + ": initialize() with equal seeds must give equal parameters");

        Random random = new Random(SEED);
        INDArray input = GradientCheck.gaussian(random, batchShape(inputShape));
        INDArray output = layer.forward(input, true);
        assertArrayEquals(batchShape(outputShape), output.shape(), name + ": forward() must return [batch] +"
                + " outputShape(inputShape)");
        assertTrue(java.util.Arrays.stream(output.dup().data().asDouble()).allMatch(Double::isFinite), name + ": forward() gave non-finite values for standard normal inputs");
        INDArray weights = GradientCheck.gaussian(random, output.shape());
        parameters.zeroGradients();
        INDArray inputGradient = layer.backward(weights, true);
        assertArrayEquals(input.shape(), inputGradient.shape(), name + ": backward() must return the input's shape");
        INDArray parameterGradient = parameters.gradients().dup();

        // Each evaluation builds a fresh layer from the same seed, so a layer that draws random numbers while
        // training (dropout) draws the same ones as the first forward above.
        INDArray scratch = output.ulike();
        java.util.function.DoubleSupplier loss = () -> {
            Layer fresh = build(factory, config, inputShape);
            bind(fresh, parameters);
            return scratch.assign(fresh.forward(input, true)).muli(weights).sumNumber().doubleValue();
        };
        GradientCheck.assertGradient(name + " input gradient", input, inputGradient.dup(), loss);
        if (layer.parameterCount() > 0) {
            GradientCheck.assertGradient(name + " parameter gradient", parameters.values(), parameterGradient, loss);
        }

        parameters.zeroGradients();
        layer.forward(input, true);
        layer.backward(weights, true);
        layer.backward(weights, true);
        assertArrayEquals(parameterGradient.mul(2).toDoubleVector(), parameters.gradients().toDoubleVector(), 1e-12,
                name + ": backward() must add into the parameter gradients, not overwrite them");

        long growth = NativeMemory.growthDuring(() -> {
            for (int i = 0; i < 3; i++) {
                layer.forward(input, true);
                layer.backward(weights, true);
                layer.forward(input, false);
            }
        });
        assertTrue(growth <= 0, name + ": forward() and backward() allocated " + growth + " bytes of native memory"
                + " for a batch size already seen; reuse buffers (see BatchBuffers)");
    }

    private static Layer build(LayerFactory factory, PluginConfig config, long[] inputShape) {
        return factory.create(config, new LayerContext(inputShape, MODEL_OUTPUTS, new Random(SEED)));
    }

    private static void bind(Layer layer, Parameters parameters) {
        long count = layer.parameterCount();
        if (count > 0) {
            layer.bind(parameters.valuesView(0, count), parameters.gradientsView(0, count));
        }
    }

    private static long[] batchShape(long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = BATCH;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }
}
