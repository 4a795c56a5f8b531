package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The optimizer against its reference formula; see
 * {@link PluginContract#checkOptimizer(OptimizerFactory, Map, ElementwiseReference)}.
 */
final class OptimizerFormulaCheck {

    private static final int SIZE = 64;
    private static final int STEPS = 25;

    private OptimizerFormulaCheck() {
    }

    static void check(OptimizerFactory factory, Map<String, ?> settings, ElementwiseReference reference) {
        String name = factory.name();
        for (HyperParameter declared : factory.hyperParameters()) {
            if (declared.defaultValue() instanceof Number standard) {
                Object given = settings.get(declared.name());
                if (!(given instanceof Number number) || number.doubleValue() == standard.doubleValue()) {
                    fail(name + ": give " + declared.name() + " a value other than its default " + standard + " in the"
                            + " settings; a term that vanishes at the default would go unchecked");
                }
            }
        }
        PluginConfig config = PluginConfig.withDefaults(factory, settings);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            new Trial(factory, config, reference, type).run();
        }
    }

    /** One data type's comparison with the reference, then its state checks. */
    private static final class Trial {

        private final OptimizerFactory factory;
        private final PluginConfig config;
        private final ElementwiseReference reference;
        private final DataType type;
        private final double tolerance;
        private final Random random = new Random(29);
        private final String name;

        Trial(OptimizerFactory factory, PluginConfig config, ElementwiseReference reference, DataType type) {
            this.factory = factory;
            this.config = config;
            this.reference = reference;
            this.type = type;
            this.tolerance = type == DataType.FLOAT ? 1e-4 : 1e-10;
            this.name = factory.name() + " in " + type;
        }

        void run() {
            Parameters parameters = new Parameters(type, SIZE);
            for (int i = 0; i < SIZE; i++) {
                parameters.values().putScalar(i, random.nextGaussian());
            }
            Optimizer optimizer = factory.create(config, parameters);
            double[][] state = new double[SIZE][reference.stateSize()];
            for (long step = 1; step <= STEPS; step++) {
                double[] before = parameters.values().toDoubleVector();
                double[] gradients = setRandomGradients(parameters);
                optimizer.step();
                double[] after = parameters.values().toDoubleVector();
                for (int i = 0; i < SIZE; i++) {
                    double expected = reference.step(before[i], gradients[i], state[i], step);
                    if (!(Math.abs(after[i] - expected) <= tolerance * (1 + Math.abs(expected)))) {
                        fail(String.format(Locale.ROOT, "%s: step %d moved element %d from %.9g with gradient %.9g to"
                                + " %.9g; the reference formula gives %.9g", name, step, i, before[i], gradients[i],
                                after[i], expected));
                    }
                }
            }
            checkState(parameters, optimizer);
        }

        private void checkState(Parameters parameters, Optimizer optimizer) {
            byte[] saved = save(optimizer);
            Parameters loadedParameters = copy(parameters);
            Optimizer loaded = factory.create(config, loadedParameters);
            load(loaded, saved);
            assertArrayEquals(saved, save(loaded), name + ": the state saved, loaded into a fresh optimizer and saved"
                    + " again must be byte-identical");
            Parameters droppedParameters = copy(parameters);
            Optimizer dropped = factory.create(config, droppedParameters);

            double[] gradients = setRandomGradients(parameters);
            for (Parameters each : new Parameters[] {loadedParameters, droppedParameters}) {
                for (int i = 0; i < SIZE; i++) {
                    each.gradients().putScalar(i, gradients[i]);
                }
            }
            optimizer.step();
            loaded.step();
            dropped.step();
            assertArrayEquals(parameters.values().toDoubleVector(), loadedParameters.values().toDoubleVector(),
                    name + ": a fresh optimizer loaded with saveState() must step exactly as the one that saved it;"
                            + " does saveState() write every state array (and the step count)?");
            if (reference.stateSize() > 0) {
                assertFalse(Arrays.equals(parameters.values().toDoubleVector(),
                        droppedParameters.values().toDoubleVector()), name + ": a fresh optimizer that did not load"
                                + " the state stepped exactly as the one with it, though the reference keeps "
                                + reference.stateSize() + " number(s) of state per element");
            }
        }

        /** Gaussian gradients, a new draw (so new signs) each step; returns them as the parameters hold them. */
        private double[] setRandomGradients(Parameters parameters) {
            for (int i = 0; i < SIZE; i++) {
                parameters.gradients().putScalar(i, random.nextGaussian());
            }
            return parameters.gradients().toDoubleVector();
        }

        private Parameters copy(Parameters parameters) {
            Parameters copy = new Parameters(type, SIZE);
            copy.values().assign(parameters.values());
            return copy;
        }
    }

    private static byte[] save(Optimizer optimizer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            optimizer.saveState(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void load(Optimizer optimizer, byte[] state) {
        try {
            optimizer.loadState(new DataInputStream(new ByteArrayInputStream(state)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
