package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.data.DataSplit;
import io.trainyard.api.data.Dataset;
import io.trainyard.api.data.DatasetContext;
import io.trainyard.api.data.DatasetFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.LongStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dataset contract; see {@link PluginContract#checkDataset}. */
final class DatasetContract {

    private static final int BATCH = 8;

    private DatasetContract() {
    }

    static void check(DatasetFactory factory, Map<String, ?> settings, DatasetContext context) {
        PluginContract.checkPlugin(factory);
        String name = factory.name();
        PluginConfig config = PluginConfig.withDefaults(factory, settings);
        Dataset dataset = factory.load(config, context);
        long[] sample = dataset.sampleShape();
        assertTrue(sample.length > 0 && LongStream.of(sample).allMatch(size -> size > 0), name + ": sampleShape() "
                + Arrays.toString(sample) + " must have one or more positive sizes, without the batch dimension");
        assertTrue(dataset.classes() >= 0, name + ": classes() must be the number of classes, or 0 for regression");
        if (dataset.classes() > 0) {
            assertEquals(0, dataset.targetShape().length, name + ": a classification dataset's targets are class"
                    + " indices, one number per sample, so targetShape() must be empty");
        }
        String sha256 = dataset.sha256();
        assertTrue(sha256 != null && sha256.matches("[0-9a-f]{64}"), name + ": sha256() must be 64 lower-case hex"
                + " digits, not " + sha256);
        for (String split : new String[] {"train", "test"}) {
            checkSplit(name + " " + split, dataset, split.equals("train") ? dataset.train() : dataset.test());
        }

        Dataset again = factory.load(config, context);
        assertEquals(sha256, again.sha256(), name + ": loading it again with the same settings and seed must give the"
                + " same sha256() (for generated data, hash what generates it: the settings and the seed)");
        assertArrayEquals(firstBatch(dataset, dataset.train())[0], firstBatch(again, again.train())[0], name
                + ": loading it again with the same settings and seed must give the same samples; draw anything"
                + " random from DatasetContext.seed()");
    }

    private static void checkSplit(String name, Dataset dataset, DataSplit split) {
        int size = split.size();
        assertTrue(size > 0, name + ": size() must be positive, not " + size);
        int count = Math.min(BATCH, size);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = size - 1 - i; // the last samples, in reverse: fill must follow the order it is given
        }
        INDArray features = Nd4j.create(DataType.FLOAT, shape(count, dataset.sampleShape()));
        INDArray targets = Nd4j.create(DataType.FLOAT, shape(count, dataset.targetShape()));
        split.fill(order, 0, count, features, targets);
        float[] values = features.data().asFloat();
        for (float value : values) {
            if (!Float.isFinite(value)) {
                fail(name + ": fill wrote a feature of " + value + "; features must be finite");
            }
        }
        if (dataset.classes() > 0) {
            for (float target : targets.data().asFloat()) {
                if (target != Math.rint(target) || target < 0 || target >= dataset.classes()) {
                    fail(name + ": fill wrote the target " + target + "; targets of a dataset with "
                            + dataset.classes() + " classes are class indices 0 to " + (dataset.classes() - 1)
                            + ", stored as floats");
                }
            }
        }
        INDArray single = Nd4j.create(DataType.FLOAT, shape(1, dataset.sampleShape()));
        INDArray singleTarget = Nd4j.create(DataType.FLOAT, shape(1, dataset.targetShape()));
        split.fill(order, count - 1, 1, single, singleTarget);
        float[] last = Arrays.copyOfRange(values, values.length / count * (count - 1), values.length);
        assertArrayEquals(last, single.data().asFloat(), name + ": fill(order, from, 1, ...) must copy sample"
                + " order[from], the same as in a whole batch");

        long growth = NativeMemory.growthDuring(() -> {
            for (int round = 0; round < 3; round++) {
                split.fill(order, 0, count, features, targets);
            }
        });
        assertTrue(growth <= 0, name + ": fill allocated " + growth + " bytes of native memory; it runs for every"
                + " batch, so copy into the arrays it is given and allocate nothing");
    }

    private static float[][] firstBatch(Dataset dataset, DataSplit split) {
        int count = Math.min(BATCH, split.size());
        int[] order = new int[count];
        Arrays.setAll(order, i -> i);
        INDArray features = Nd4j.create(DataType.FLOAT, shape(count, dataset.sampleShape()));
        INDArray targets = Nd4j.create(DataType.FLOAT, shape(count, dataset.targetShape()));
        split.fill(order, 0, count, features, targets);
        return new float[][] {features.data().asFloat(), targets.data().asFloat()};
    }

    private static long[] shape(int batch, long[] rest) {
        long[] shape = new long[rest.length + 1];
        shape[0] = batch;
        System.arraycopy(rest, 0, shape, 1, rest.length);
        return shape;
    }
}
