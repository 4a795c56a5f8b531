package io.trainyard.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.api.Plugin;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.data.DatasetFactory;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.optim.OptimizerFactory;
import io.trainyard.testkit.PluginContract;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The built-in plugins, found through their services files, pass the test kit's contracts like anyone's. */
class BuiltInPluginContractTest {

    private static final Set<String> CLASS_TARGETS = Set.of("cross-entropy", "nll");
    private static final Set<String> IMAGE_LAYERS = Set.of("conv2d", "maxpool2d");
    private static final Set<String> FLAT_LAYERS = Set.of("linear", "batchnorm1d", "softmax", "log-softmax");

    @TestFactory
    Stream<DynamicTest> everyServicesFileListsItsPlugins() {
        return Stream.of(
                count(LossFactory.class, 7), count(OptimizerFactory.class, 5), count(ModelFactory.class, 4),
                count(LayerFactory.class, 13), count(DatasetFactory.class, 1), count(CallbackFactory.class, 13));
    }

    @TestFactory
    Stream<DynamicTest> datasetsPassThePluginContract() {
        return tests(DatasetFactory.class, PluginContract::checkPlugin);
    }

    @TestFactory
    Stream<DynamicTest> lossesPassTheLossContract() {
        return tests(LossFactory.class, loss -> PluginContract.checkLoss(loss, predictions(),
                CLASS_TARGETS.contains(loss.name())
                        ? Nd4j.createFromArray(new double[] {2, 0, 1})
                        : Nd4j.createFromArray(new double[][] {{0, 1, 1}, {1, 0, 0}, {0.5, 1, 0}})));
    }

    @TestFactory
    Stream<DynamicTest> optimizersPassTheOptimizerContract() {
        return tests(OptimizerFactory.class, PluginContract::checkOptimizer);
    }

    @TestFactory
    Stream<DynamicTest> layersPassTheLayerContract() {
        return tests(LayerFactory.class, layer -> PluginContract.checkLayer(layer,
                IMAGE_LAYERS.contains(layer.name()) ? new long[] {2, 5, 5}
                        : FLAT_LAYERS.contains(layer.name()) ? new long[] {5} : new long[] {2, 3}));
    }

    @TestFactory
    Stream<DynamicTest> modelsPassTheModelContract() {
        return tests(ModelFactory.class, model -> PluginContract.checkModel(model, 1, 8, 8));
    }

    @TestFactory
    Stream<DynamicTest> callbacksPassTheCallbackContract() {
        return tests(CallbackFactory.class, PluginContract::checkCallback);
    }

    private static <T extends Plugin> Stream<DynamicTest> tests(Class<T> kind, Consumer<T> check) {
        return ServiceLoader.load(kind).stream().map(ServiceLoader.Provider::get)
                .map(plugin -> DynamicTest.dynamicTest(plugin.name(), () -> check.accept(plugin)));
    }

    private static DynamicTest count(Class<? extends Plugin> kind, int expected) {
        return DynamicTest.dynamicTest(kind.getSimpleName(), () -> assertEquals(expected,
                ServiceLoader.load(kind).stream().count(), "built-in " + kind.getSimpleName() + "s"));
    }

    private static INDArray predictions() {
        return Nd4j.createFromArray(new double[][] {{0.3, -1.2, 2.0}, {0.7, 0.1, -0.4}, {-1.5, 0.9, 0.2}})
                .castTo(DataType.DOUBLE);
    }
}
