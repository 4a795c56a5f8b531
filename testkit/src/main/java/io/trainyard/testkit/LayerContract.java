package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

        // Once a layer has met each of the trainer's batch buffers, it allocates nothing, and returns the same output
        // array for the same input array: the layer after it binds its work to that array.
        long[] sizes = EpochBatches.sizes(BATCH);
        INDArray[] inputs = new INDArray[sizes.length];
        INDArray[] gradients = new INDArray[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            inputs[i] = i == 0 ? input : GradientCheck.gaussian(random, batchShape(inputShape, sizes[i]));
            gradients[i] = i == 0 ? weights : GradientCheck.gaussian(random, batchShape(outputShape, sizes[i]));
        }
        INDArray[] outputs = new INDArray[sizes.length];
        INDArray[] again = new INDArray[sizes.length];
        long growth = EpochBatches.growthOnceMet(sizes.length, i -> {
            again[i] = layer.forward(inputs[i], true);
            if (outputs[i] == null) {
                outputs[i] = again[i];
            }
            layer.backward(gradients[i], true);
            layer.forward(inputs[i], false);
        });
        assertTrue(growth <= 0, name + ": forward() and backward() allocated " + growth + " bytes of native memory"
                + " for batch sizes already seen; reuse buffers (see BatchBuffers)");
        for (int i = 0; i < sizes.length; i++) {
            assertSame(outputs[i], again[i], name + ": forward() returned a new array for an input array it had met"
                    + " (batch of " + sizes[i] + ", after other batch sizes); return the same one, as BatchBuffers"
                    + " does: the next layer binds its work to it");
        }
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
        return batchShape(sampleShape, BATCH);
    }

    private static long[] batchShape(long[] sampleShape, long batch) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = batch;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }
}
