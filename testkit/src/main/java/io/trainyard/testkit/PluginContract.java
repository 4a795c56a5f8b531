package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.loss.LossFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every plugin must satisfy for the engine to list, validate and record it. Call these from your plugin's own
 * tests; each failure says which rule was broken.
 */
public final class PluginContract {

    private PluginContract() {
    }

    /**
     * Any plugin: a lower-case hyphenated name, a description, uniquely named hyperparameters whose defaults have
     * the declared type and lie in the declared range, and defaults that pass {@link Plugin#validate}.
     */
    public static void checkPlugin(Plugin plugin) {
        assertTrue(plugin.name().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"),
                "name '" + plugin.name() + "' must be lower-case words joined by hyphens, e.g. focal-loss");
        assertFalse(plugin.description() == null || plugin.description().isBlank(), "description must not be empty");
        Set<String> names = new HashSet<>();
        for (HyperParameter parameter : plugin.hyperParameters()) {
            assertTrue(names.add(parameter.name()), "hyperparameter '" + parameter.name() + "' is declared twice");
            assertTrue(parameter.name().matches("[a-z][a-z0-9_]*"),
                    "hyperparameter '" + parameter.name() + "' must be snake_case, as in PyTorch");
            checkDefault(parameter);
        }
        assertDoesNotThrow(() -> plugin.validate(PluginConfig.withDefaults(plugin, Map.of())),
                "validate() must accept the declared defaults");
    }

    private static void checkDefault(HyperParameter parameter) {
        Object value = parameter.defaultValue();
        if (value == null) {
            return;
        }
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        for (Object item : values) {
            boolean typed = switch (parameter.type()) {
                case INTEGER, INTEGER_LIST -> item instanceof Long;
                case DECIMAL, DECIMAL_LIST -> item instanceof Double;
                case BOOLEAN -> item instanceof Boolean;
                case STRING, STRING_LIST -> item instanceof String;
            };
            assertTrue(typed, "default of '" + parameter.name() + "' is " + item.getClass().getSimpleName()
                    + ", not " + parameter.type().label());
            if (item instanceof Number number) {
                assertTrue(parameter.range().contains(number.doubleValue()), "default " + item + " of '"
                        + parameter.name() + "' lies outside its range " + parameter.range());
            }
        }
    }

    /**
     * A loss built with its defaults: passes {@link #checkPlugin}, returns a finite value and a gradient that
     * matches finite differences for the given double-precision predictions and targets, and stays finite for
     * predictions of ±1e4.
     */
    public static void checkLoss(LossFactory factory, INDArray predictions, INDArray targets) {
        checkPlugin(factory);
        if (predictions.dataType() != DataType.DOUBLE) {
            fail("pass double-precision predictions: finite differences need them");
        }
        Loss loss = factory.create(PluginConfig.withDefaults(factory, Map.of()));
        INDArray gradient = predictions.ulike();
        double value = loss.compute(predictions, targets, gradient);
        assertTrue(Double.isFinite(value), "loss is " + value);
        INDArray scratch = predictions.ulike();
        GradientCheck.assertGradient(factory.name() + " gradient", predictions, gradient.dup(),
                () -> loss.compute(predictions, targets, scratch));
        INDArray extreme = predictions.dup();
        for (long i = 0; i < extreme.length(); i++) {
            extreme.putScalar(i, i % 2 == 0 ? 1e4 : -1e4);
        }
        double large = loss.compute(extreme, targets, gradient);
        assertTrue(Double.isFinite(large), factory.name() + " is " + large + " for predictions of +-1e4");
        for (long i = 0; i < gradient.length(); i++) {
            assertTrue(Double.isFinite(gradient.getDouble(i)), factory.name() + " gradient is not finite for"
                    + " predictions of +-1e4");
        }
        assertEquals(predictions.shape().length, gradient.shape().length);
    }
}
