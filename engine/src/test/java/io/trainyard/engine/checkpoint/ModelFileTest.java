package io.trainyard.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.model.Model;
import io.trainyard.api.model.ModelContext;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.plugins.model.MlpFactory;
import io.trainyard.plugins.optim.SgdFactory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
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
        byte[] data = ModelFile.encode(saved, optimizer, List.of());
        Optimizer restored = sgd(other);
        ModelFile.restore(data, other, restored, List.of(), "saved.model");
        assertEquals(0.25, restored.learningRate());
        assertArrayEquals(saved.parameters().values().toFloatVector(), other.parameters().values().toFloatVector());

        TrainyardException wrong = assertThrows(TrainyardException.class,
                () -> ModelFile.restore(data, model(List.of(9L), 1), null, null, "saved.model"));
        assertEquals("saved.model holds 83 parameters, the model has 93; it was saved from another architecture",
                wrong.getMessage());
        assertThrows(TrainyardException.class, () -> ModelFile.restore(new byte[] {1, 2, 3}, other, null, null,
                "junk"));
    }

    @Test
    void theCallbacksStateTravelsWithTheCheckpointInTheExperimentsOrder() {
        Model model = model(List.of(4L), 1);
        byte[] data = ModelFile.encode(model, sgd(model), List.of(new Counter(3), new Callback() { }, new Counter(7)));
        Counter first = new Counter(0);
        Counter third = new Counter(0);
        ModelFile.restore(data, model, sgd(model), List.of(first, new Callback() { }, third), "saved.model");
        assertEquals(3, first.count);
        assertEquals(7, third.count);

        TrainyardException fewer = assertThrows(TrainyardException.class,
                () -> ModelFile.restore(data, model, sgd(model), List.of(new Counter(0)), "saved.model"));
        assertEquals("saved.model holds the state of 3 callbacks, the experiment has 1", fewer.getMessage());
    }

    @Test
    void aReusedBufferHoldsEachCheckpointAsAFreshEncodingWould() {
        CheckpointBuffer buffer = new CheckpointBuffer();
        Model large = model(List.of(16L, 8L), 1);
        Model small = model(List.of(4L), 2);
        for (Model model : List.of(large, small, large)) {
            List<Callback> callbacks = List.of(new Counter(model == small ? 5 : 11), new Callback() { });
            Optimizer optimizer = sgd(model);
            ModelFile.encode(model, optimizer, callbacks, buffer);
            byte[] reused = Arrays.copyOf(buffer.array(), buffer.size());
            assertArrayEquals(ModelFile.encode(model, optimizer, callbacks), reused);

            Counter restored = new Counter(0);
            ModelFile.restore(reused, model, sgd(model), List.of(restored, new Callback() { }), "reused.model");
            assertEquals(model == small ? 5 : 11, restored.count);
        }
    }

    @Test
    void aSectionsLengthIsPatchedBigEndianBeforeItsBytes() {
        CheckpointBuffer buffer = new CheckpointBuffer();
        buffer.write(new byte[] {9, 9, 9, 9, 9, 9}, 0, 6);
        buffer.patchInt(1, 0x01020304);
        assertArrayEquals(new byte[] {9, 1, 2, 3, 4, 9}, Arrays.copyOf(buffer.array(), buffer.size()));
        buffer.patchInt(2, -2);
        assertArrayEquals(new byte[] {9, 1, -1, -1, -1, -2}, Arrays.copyOf(buffer.array(), buffer.size()));
    }

    /** A callback whose state is one number. */
    private static final class Counter implements Callback {

        private int count;

        Counter(int count) {
            this.count = count;
        }

        @Override
        public void saveState(DataOutput out) throws IOException {
            out.writeInt(count);
        }

        @Override
        public void loadState(DataInput in) throws IOException {
            count = in.readInt();
        }
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
