package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.data.DatasetContext;
import io.trainyard.api.data.DatasetFactory;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.optim.OptimizerFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every plugin must satisfy for the engine to list, validate, record and train with it: one check per plugin
 * kind, each including {@link #checkPlugin}. Call them from your plugin's own tests; each failure says which rule
 * was broken. The built-in plugins pass the same checks.
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
     * A loss built with its defaults: passes {@link #checkPlugin}, returns a finite value and a gradient of the
     * predictions' shape that matches finite differences for the given double-precision predictions and targets,
     * stays finite for predictions of +-1e4, and allocates no native memory once warmed up.
     */
    public static void checkLoss(LossFactory factory, INDArray predictions, INDArray targets) {
        LossContract.check(factory, predictions, targets);
    }

    /**
     * An optimizer built with its defaults over twelve double parameters: passes {@link #checkPlugin}; reports
     * {@code lr} (when declared) and {@code setLearningRate}; {@code zeroGradients} zeroes; 100 steps on
     * {@code 0.5 |p - t|^2} lower it, leave each step's gradients untouched and are bit-for-bit repeatable; warmed-up
     * steps allocate no native memory; over 32 769 parameters, steps after {@code useThreads(2)} give the bits of
     * steps after {@code useThreads(1)}.
     */
    public static void checkOptimizer(OptimizerFactory factory) {
        OptimizerContract.check(factory);
    }

    /**
     * An optimizer against its update formula, written plainly as {@code reference}, then
     * {@link #checkOptimizer(OptimizerFactory)}. Built with {@code settings}, which must move every numeric
     * hyperparameter off its default (a term that vanishes at the default, such as a weight decay of 0, would go
     * unchecked), over 64 parameters in FLOAT (as the engine trains) and in DOUBLE: for 25 steps of random gradients
     * whose signs change from step to step, every element after every step matches the reference (within 1e-4
     * relative in FLOAT, 1e-10 in DOUBLE); the state saved, loaded into a fresh optimizer and saved again is
     * byte-identical; the one that loaded it steps exactly as the one that saved it; and one that did not load it
     * steps differently, where the reference has state.
     */
    public static void checkOptimizer(OptimizerFactory factory, Map<String, ?> settings,
            ElementwiseReference reference) {
        OptimizerFormulaCheck.check(factory, settings, reference);
        checkOptimizer(factory);
    }

    /**
     * A dataset loaded with {@code settings} (the rest at their defaults) and {@code context}: passes
     * {@link #checkPlugin}; a sample shape of positive sizes; a classification dataset's targets are class indices
     * (an empty target shape, whole numbers from 0 to {@code classes() - 1} stored as floats); a 64-hex-digit
     * {@code sha256()}; each split has samples, and {@code fill} writes finite features, follows the order it is given
     * (one sample alone equals its row of a batch) and allocates no native memory; loading again with the same
     * settings and seed gives the same hash and the same samples.
     */
    public static void checkDataset(DatasetFactory factory, Map<String, ?> settings, DatasetContext context) {
        DatasetContract.check(factory, settings, context);
    }

    /**
     * A layer built with its defaults for per-sample inputs of {@code inputShape} (the model has three outputs):
     * passes {@link #checkPlugin}; equal seeds initialise equal parameters; forward returns
     * {@code [batch] + outputShape(inputShape)}; the input and parameter gradients match finite differences in
     * double precision (a layer that draws random numbers in training must draw them from the seed its factory got
     * from {@link io.trainyard.api.model.LayerContext#random()}); parameter gradients accumulate; cycling through three
     * batch sizes, as the trainer does every epoch, allocates no native memory once each has been seen and returns the
     * same output array for each input array met before.
     */
    public static void checkLayer(LayerFactory factory, long... inputShape) {
        LayerContract.check(factory, inputShape);
    }

    /**
     * A model built with its defaults for samples of {@code sampleShape} and three outputs, in double precision, with
     * the layer plugins on the class path: passes {@link #checkPlugin}; equal seeds build equal parameters; forward
     * returns {@code [batch, 3]}; the parameter gradient matches finite differences along a random direction;
     * gradients accumulate; cycling through three batch sizes, as the trainer does every epoch, allocates no native
     * memory once each has been seen.
     */
    public static void checkModel(ModelFactory factory, long... sampleShape) {
        ModelContract.check(factory, sampleShape);
    }

    /**
     * A callback built with its defaults: passes {@link #checkPlugin}; survives every hook of a three-epoch run in the
     * documented order, a failing run ({@code onFailure}, then {@code onRunEnd(FAILED)}) and a run killed before
     * its first epoch; gives a reason when it requests a stop; and, resumed from its saved state after a crash, acts
     * as in an uninterrupted run (see {@link io.trainyard.api.callback.Callback#saveState}). Test what the callback
     * does with {@link TestRun}.
     */
    public static void checkCallback(CallbackFactory factory) {
        CallbackContract.check(factory);
    }
}
