package io.trainyard.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch defines {@code maximize=True} as negating the gradient before the update: so each optimizer, maximising
 * on a gradient sequence, must follow exactly the trajectory it follows minimising on the negated sequence.
 */
class MaximizeTest {

    /** Settings off their defaults, so that weight decay, momentum and the rest see the negated gradient too. */
    private static final Map<String, Map<String, Object>> SETTINGS = Map.of(
            "sgd", Map.of("lr", 0.1, "momentum", 0.9, "weight_decay", 0.1, "nesterov", true),
            "adam", Map.of("weight_decay", 0.1, "amsgrad", true),
            "adamw", Map.of("weight_decay", 0.1),
            "rmsprop", Map.of("momentum", 0.5, "centered", true, "weight_decay", 0.1),
            "adagrad", Map.of("lr_decay", 0.1, "weight_decay", 0.1));

    @Test
    void maximisingFollowsTheTrajectoryOfMinimisingTheNegatedGradient() {
        List<OptimizerFactory> factories = ServiceLoader.load(OptimizerFactory.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertTrue(factories.size() >= 5, "every built-in optimizer is checked");
        for (OptimizerFactory factory : factories) {
            Map<String, Object> settings = new HashMap<>(SETTINGS.get(factory.name()));
            settings.put("maximize", true);
            double[] maximised = run(factory, settings, 1);
            settings.put("maximize", false);
            double[] minimisedNegated = run(factory, settings, -1);
            assertArrayEquals(minimisedNegated, maximised, 0, factory.name());
        }
    }

    @Test
    void plainSgdClimbsTheGradient() {
        // p0 = (1, -2), g = (0.5, 1) each step, lr = 0.1: three steps up the gradient.
        Parameters parameters = new Parameters(DataType.DOUBLE, 2);
        parameters.values().assign(Nd4j.createFromArray(new double[][] {{1, -2}}));
        Optimizer sgd = new SgdFactory().create(PluginConfig.withDefaults(new SgdFactory(),
                Map.of("lr", 0.1, "maximize", true)), parameters);
        for (int step = 0; step < 3; step++) {
            sgd.zeroGradients();
            parameters.gradients().addi(Nd4j.createFromArray(new double[][] {{0.5, 1}}));
            sgd.step();
        }
        assertArrayEquals(new double[] {1.15, -1.7}, parameters.values().data().asDouble(), 1e-12);
    }

    private static double[] run(OptimizerFactory factory, Map<String, Object> settings, double sign) {
        Parameters parameters = new Parameters(DataType.DOUBLE, 2);
        parameters.values().assign(Nd4j.createFromArray(new double[][] {{1, -2}}));
        Optimizer optimizer = factory.create(PluginConfig.withDefaults(factory, settings), parameters);
        for (double[] gradient : GradientSequence.GRADIENTS) {
            optimizer.zeroGradients();
            parameters.gradients().addi(Nd4j.createFromArray(new double[][] {gradient}).mul(sign));
            optimizer.step();
        }
        return parameters.values().data().asDouble();
    }
}
