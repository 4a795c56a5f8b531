package io.trainyard.plugins.model;

import io.trainyard.testkit.GradientCheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.plugins.loss.CrossEntropyLoss;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The whole MLP with cross-entropy: back-propagated parameter gradients against finite differences. */
class MlpGradientTest {

    private final MlpFactory factory = new MlpFactory();

    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky-relu", "tanh", "sigmoid"})
    void parameterGradientsMatchFiniteDifferences(String activation) {
        Random random = new Random(3);
        Model model = factory.create(config(List.of(5L, 4L), activation),
                new ModelContext(new long[] {1, 2, 3}, 3, DataType.DOUBLE, random));
        GradientCheck.assertModelGradients("mlp", model, GradientCheck.gaussian(random, 4, 1, 2, 3),
                new CrossEntropyLoss(true), Nd4j.createFromArray(new double[] {0, 2, 1, 2}));
    }

    @Test
    void referenceNetworkHasPyTorchsParameterCountAndFlops() {
        Model model = factory.create(config(List.of(512L, 512L), "relu"),
                new ModelContext(new long[] {1, 28, 28}, 10, DataType.FLOAT, new Random(0)));
        assertEquals(669_706, model.parameters().count());
        // Forward 2*(784*512 + 512*512 + 512*10); backward the same for weights plus input gradients of the two
        // layers that have trainable layers before them.
        assertEquals(1_337_344 + 1_337_344 + 534_528, model.trainingFlopsPerSample());
    }

    @Test
    void logisticRegressionIsOneLinearLayerWithGradientsToMatch() {
        Random random = new Random(5);
        Model model = new LogisticRegressionFactory().create(new PluginConfig("logistic-regression", Map.of()),
                new ModelContext(new long[] {2, 2}, 3, DataType.DOUBLE, random));
        assertEquals(4 * 3 + 3, model.parameters().count());
        GradientCheck.assertModelGradients("logistic regression", model, GradientCheck.gaussian(random, 2, 2, 2),
                new CrossEntropyLoss(true), Nd4j.createFromArray(new double[] {1, 0}));
    }

    @Test
    void unknownActivationIsRejectedAtValidation() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> factory.validate(config(List.of(8L), "swish")));
        assertEquals("model.activation 'swish' is not supported; use one of [relu, leaky-relu, tanh, sigmoid]",
                error.getMessage());
    }

    private PluginConfig config(List<Long> hidden, String activation) {
        return PluginConfig.withDefaults(factory, Map.of("hidden", hidden, "activation", activation));
    }
}
