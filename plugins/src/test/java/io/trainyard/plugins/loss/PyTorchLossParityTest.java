package io.trainyard.plugins.loss;

import static io.trainyard.plugins.PyTorchFixtures.array;
import static io.trainyard.plugins.PyTorchFixtures.assertClose;
import static io.trainyard.plugins.PyTorchFixtures.longs;

import com.google.gson.JsonObject;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.plugins.PyTorchFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Losses against PyTorch, in float64 and float32: the loss and its gradient; cross-entropy and NLL with class
 * weights, label smoothing and ignored targets, binary cross-entropy with a positive weight per class or for all.
 * Reference values from {@code plugins/src/test/pytorch/loss_fixtures.py}.
 */
class PyTorchLossParityTest {

    static Stream<Arguments> cases() {
        return PyTorchFixtures.cases("losses.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name, JsonObject fixture, JsonObject record) {
        DataType type = PyTorchFixtures.dataType(record);
        double tolerance = PyTorchFixtures.tolerance(type);
        long[] shape = longs(fixture.getAsJsonArray("shape"));
        LossFactory factory = PyTorchFixtures.plugin(LossFactory.class, fixture, "loss");
        Loss loss = factory.create(PyTorchFixtures.config(factory, fixture));
        INDArray predictions = array(record.getAsJsonArray("predictions"), type, shape);
        INDArray targets = array(record.getAsJsonArray("targets"), type,
                longs(record.getAsJsonArray("target_shape")));
        INDArray gradient = predictions.ulike();
        double value = loss.compute(predictions, targets, gradient);
        assertClose(name + " loss", record.get("loss").getAsDouble(), value, tolerance);
        assertClose(name + " gradient", record.getAsJsonArray("gradient"), gradient, tolerance);
    }
}
