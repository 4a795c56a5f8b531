package io.trainyard.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.api.Plugin;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.data.DatasetFactory;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.optim.OptimizerFactory;
import io.trainyard.testkit.PluginContract;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The built-in plugins, found through their services files, pass the test kit's contracts like anyone's. */
class BuiltInPluginContractTest {

    private static final Set<String> CLASS_TARGETS = Set.of("cross-entropy", "nll");

    @TestFactory
    Stream<DynamicTest> everyPluginPassesThePluginContract() {
        List<Plugin> plugins = new ArrayList<>();
        for (Class<? extends Plugin> kind : List.of(LossFactory.class, OptimizerFactory.class, ModelFactory.class,
                DatasetFactory.class, CallbackFactory.class)) {
            ServiceLoader.load(kind).forEach(plugins::add);
        }
        assertEquals(18, plugins.size(), "every built-in plugin is listed in a services file");
        return plugins.stream().map(plugin -> DynamicTest.dynamicTest(plugin.name(),
                () -> PluginContract.checkPlugin(plugin)));
    }

    @TestFactory
    Stream<DynamicTest> everyLossPassesTheLossContract() {
        return ServiceLoader.load(LossFactory.class).stream().map(ServiceLoader.Provider::get)
                .map(loss -> DynamicTest.dynamicTest(loss.name(), () -> PluginContract.checkLoss(loss,
                        predictions(), CLASS_TARGETS.contains(loss.name())
                                ? Nd4j.createFromArray(new double[] {2, 0, 1})
                                : Nd4j.createFromArray(new double[][] {{0, 1, 1}, {1, 0, 0}, {0.5, 1, 0}}))));
    }

    private static INDArray predictions() {
        return Nd4j.createFromArray(new double[][] {{0.3, -1.2, 2.0}, {0.7, 0.1, -0.4}, {-1.5, 0.9, 0.2}})
                .castTo(DataType.DOUBLE);
    }
}
