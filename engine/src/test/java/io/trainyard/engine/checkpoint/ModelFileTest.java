package io.trainyard.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.plugins.model.MlpFactory;
import io.trainyard.plugins.optim.SgdFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ModelFileTest {

    private final MlpFactory mlp = new MlpFactory();

    @Test
    void aModelIsRestoredExactlyAndOnlyIntoItsOwnArchitecture() {
        Model saved = model(List.of(8L), 1);
        Model other = model(List.of(8L), 2);
        Optimizer optimizer = sgd(saved);
        optimizer.setLearningRate(0.25);
        byte[] data = ModelFile.encode(saved, optimizer);
        Optimizer restored = sgd(other);
        ModelFile.restore(data, other, restored, "saved.model");
        assertEquals(0.25, restored.learningRate());
        assertArrayEquals(saved.parameters().values().toFloatVector(), other.parameters().values().toFloatVector());

        TrainyardException wrong = assertThrows(TrainyardException.class,
                () -> ModelFile.restore(data, model(List.of(9L), 1), null, "saved.model"));
        assertEquals("saved.model holds 83 parameters, the model has 93; it was saved from another architecture",
                wrong.getMessage());
        assertThrows(TrainyardException.class, () -> ModelFile.restore(new byte[] {1, 2, 3}, other, null, "junk"));
    }

    private static Optimizer sgd(Model model) {
        SgdFactory sgd = new SgdFactory();
        return sgd.create(PluginConfig.withDefaults(sgd, Map.of("momentum", 0.9)), model.parameters());
    }

    private Model model(List<Long> hidden, long seed) {
        return mlp.create(PluginConfig.withDefaults(mlp, Map.of("hidden", hidden)),
                new ModelContext(new long[] {2, 3}, 3, DataType.FLOAT, new Random(seed)));
    }
}
