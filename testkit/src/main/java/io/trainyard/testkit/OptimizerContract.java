package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import io.trainyard.api.parallel.Halves;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The optimizer contract; see {@link PluginContract#checkOptimizer}. */
final class OptimizerContract {

    private static final int SIZE = 12;
    private static final int STEPS = 100;

    private OptimizerContract() {
    }

    static void check(OptimizerFactory factory) {
        PluginContract.checkPlugin(factory);
        PluginConfig config = PluginConfig.withDefaults(factory, Map.of());
        Random random = new Random(17);
        INDArray start = GradientCheck.gaussian(random, 1, SIZE);
        INDArray target = GradientCheck.gaussian(random, 1, SIZE);
        Parameters parameters = parameters(start);
        Optimizer optimizer = factory.create(config, parameters);
        String name = factory.name();
        if (config.has("lr")) {
            assertEquals(config.getDouble("lr"), optimizer.learningRate(), name + ": learningRate() must report lr");
        }

        parameters.gradients().assign(1.0);
        optimizer.zeroGradients();
        assertEquals(0.0, parameters.gradients().norm1Number().doubleValue(), name + ": zeroGradients() left"
                + " non-zero gradients");

        double before = halfSquaredDistance(parameters.values(), target);
        for (int step = 0; step < STEPS; step++) {
            optimizer.zeroGradients();
            parameters.gradients().addi(parameters.values()).subi(target);
            INDArray gradients = parameters.gradients().dup();
            optimizer.step();
            assertArrayEquals(gradients.toDoubleVector(), parameters.gradients().toDoubleVector(), name + ": step()"
                    + " must leave the gradients as they were (callbacks and clipping read them)");
        }
        double after = halfSquaredDistance(parameters.values(), target);
        assertTrue(Double.isFinite(after) && after < before, name + ": " + STEPS + " steps with default settings on"
                + " 0.5 |p - t|^2 went from " + before + " to " + after + " instead of down");

        Parameters twin = parameters(start);
        Optimizer twinOptimizer = factory.create(config, twin);
        for (int step = 0; step < STEPS; step++) {
            twinOptimizer.zeroGradients();
            twin.gradients().addi(twin.values()).subi(target);
            twinOptimizer.step();
        }
        assertArrayEquals(parameters.values().toDoubleVector(), twin.values().toDoubleVector(), name + ": the same"
                + " steps from the same start must give bit-identical parameters");

        // Saved state, loaded into a fresh optimizer over a copy of the parameters, must step identically.
        Parameters copy = parameters(parameters.values());
        Optimizer resumed = factory.create(config, copy);
        try {
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            optimizer.saveState(new DataOutputStream(saved));
            resumed.loadState(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int step = 0; step < 5; step++) {
            for (Parameters each : List.of(parameters, copy)) {
                each.gradients().assign(each.values()).subi(target);
            }
            optimizer.step();
            resumed.step();
        }
        assertArrayEquals(parameters.values().toDoubleVector(), copy.values().toDoubleVector(), name + ": a fresh"
                + " optimizer loaded with saveState() must step exactly as the one that saved it (resume needs it)");

        long growth = NativeMemory.growthDuring(() -> {
            for (int step = 0; step < 5; step++) {
                optimizer.zeroGradients();
                optimizer.step();
            }
        });
        assertTrue(growth <= 0, name + ": zeroGradients() and step() allocated " + growth + " bytes of native memory"
                + " after warming up; keep state in buffers made once");

        checkThreads(factory, config, name);

        optimizer.setLearningRate(0.25);
        assertEquals(0.25, optimizer.learningRate(), name + ": learningRate() must report setLearningRate()");
    }

    /**
     * On a vector long enough for an optimizer to split its step ({@link Halves#ELEMENTWISE_FROM} values and more),
     * the steps with a budget of two threads must give the bits of the steps with one.
     */
    private static void checkThreads(OptimizerFactory factory, PluginConfig config, String name) {
        Random random = new Random(29);
        INDArray start = GradientCheck.gaussian(random, 1, 2 * Halves.ELEMENTWISE_FROM + 1);
        INDArray[] gradients = new INDArray[3];
        for (int step = 0; step < gradients.length; step++) {
            gradients[step] = GradientCheck.gaussian(random, 1, start.length());
        }
        double[][] results = new double[2][];
        for (int threads = 1; threads <= 2; threads++) {
            Parameters parameters = parameters(start);
            Optimizer optimizer = factory.create(config, parameters);
            optimizer.useThreads(threads);
            for (INDArray gradient : gradients) {
                optimizer.zeroGradients();
                parameters.gradients().addi(gradient);
                optimizer.step();
            }
            results[threads - 1] = parameters.values().toDoubleVector();
        }
        assertArrayEquals(results[0], results[1], name + ": steps with useThreads(2) must give the bits of steps"
                + " with useThreads(1) (a run's results must not depend on its thread budget)");
    }

    private static Parameters parameters(INDArray values) {
        Parameters parameters = new Parameters(DataType.DOUBLE, values.length());
        parameters.values().assign(values);
        return parameters;
    }

    private static double halfSquaredDistance(INDArray values, INDArray target) {
        double distance = values.distance2(target);
        return 0.5 * distance * distance;
    }
}
