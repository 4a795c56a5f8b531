package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.model.ModelFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The model contract; see {@link PluginContract#checkModel}. */
final class ModelContract {

    private static final int OUTPUTS = LayerContract.MODEL_OUTPUTS;
    private static final int BATCH = 3;
    private static final long SEED = 29;
    private static final double STEP = 1e-6;

    private ModelContract() {
    }

    static void check(ModelFactory factory, long[] sampleShape) {
        PluginContract.checkPlugin(factory);
        String name = factory.name();
        PluginConfig config = PluginConfig.withDefaults(factory, Map.of());
        Map<String, LayerFactory> layers = layerPlugins();
        Model model = build(factory, config, sampleShape, layers);
        assertFalse(model.summary() == null || model.summary().isBlank(), name + ": summary() is empty");
        INDArray initial = model.parameters().values().dup();
        assertArrayEquals(initial.toDoubleVector(), build(factory, config, sampleShape, layers).parameters().values()
                .toDoubleVector(), name + ": two models built from the same seed must start with equal parameters");

        Random random = new Random(SEED);
        long[] inputShape = new long[sampleShape.length + 1];
        inputShape[0] = BATCH;
        System.arraycopy(sampleShape, 0, inputShape, 1, sampleShape.length);
        INDArray input = GradientCheck.gaussian(random, inputShape);
        INDArray output = model.forward(input, true);
        assertArrayEquals(new long[] {BATCH, OUTPUTS}, output.shape(), name + ": forward() must return [batch,"
                + " outputs]");
        INDArray weights = GradientCheck.gaussian(random, output.shape());
        model.parameters().zeroGradients();
        model.backward(weights);
        INDArray gradient = model.parameters().gradients().dup();

        // A directional derivative along a random direction checks every parameter at the cost of two forwards.
        // Each is computed by a fresh model from the same seed, so dropout draws the masks of the first forward.
        INDArray direction = GradientCheck.gaussian(random, 1, model.parameters().values().length());
        double analytic = gradient.mul(direction).sumNumber().doubleValue();
        double plus = weightedOutput(factory, config, sampleShape, layers, initial.add(direction.mul(STEP)), input,
                weights);
        double minus = weightedOutput(factory, config, sampleShape, layers, initial.sub(direction.mul(STEP)), input,
                weights);
        double numeric = (plus - minus) / (2 * STEP);
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        assertTrue(Math.abs(analytic - numeric) <= 1e-6 * scale + 1e-9, name + ": the parameter gradient disagrees"
                + " with finite differences along a random direction: analytic " + analytic + ", numeric " + numeric);

        model.parameters().zeroGradients();
        model.forward(input, true);
        model.backward(weights);
        model.forward(input, true);
        model.backward(weights);
        assertArrayEquals(gradient.mul(2).toDoubleVector(), model.parameters().gradients().toDoubleVector(), 1e-12,
                name + ": backward() must add into the parameter gradients, not overwrite them");

        // A layer that rebinds its work whenever the buffer changes (or makes the next layer do so) allocates again
        // at each of the trainer's batch buffers, every epoch.
        long[] sizes = EpochBatches.sizes(BATCH);
        INDArray[] inputs = new INDArray[sizes.length];
        INDArray[] gradients = new INDArray[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            inputShape[0] = sizes[i];
            inputs[i] = i == 0 ? input : GradientCheck.gaussian(random, inputShape);
            gradients[i] = i == 0 ? weights : GradientCheck.gaussian(random, sizes[i], OUTPUTS);
        }
        long growth = EpochBatches.growthOnceMet(sizes.length, i -> {
            model.forward(inputs[i], true);
            model.backward(gradients[i]);
            model.forward(inputs[i], false);
        });
        assertTrue(growth <= 0, name + ": forward() and backward() allocated " + growth + " bytes of native memory"
                + " for batch sizes already seen");
    }

    private static double weightedOutput(ModelFactory factory, PluginConfig config, long[] sampleShape,
            Map<String, LayerFactory> layers, INDArray values, INDArray input, INDArray weights) {
        Model fresh = build(factory, config, sampleShape, layers);
        fresh.parameters().values().assign(values);
        return fresh.forward(input, true).mul(weights).sumNumber().doubleValue();
    }

    private static Model build(ModelFactory factory, PluginConfig config, long[] sampleShape,
            Map<String, LayerFactory> layers) {
        return factory.create(config, new ModelContext(sampleShape, OUTPUTS, DataType.DOUBLE, new Random(SEED),
                layers));
    }

    /** The layer plugins on the test class path, as the engine would offer them. */
    private static Map<String, LayerFactory> layerPlugins() {
        Map<String, LayerFactory> layers = new HashMap<>();
        ServiceLoader.load(LayerFactory.class).forEach(layer -> layers.put(layer.name(), layer));
        return layers;
    }
}
