package io.trainyard.engine.testing;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.data.ArraySplit;
import io.trainyard.api.data.DataSplit;
import io.trainyard.api.data.Dataset;
import io.trainyard.api.data.DatasetContext;
import io.trainyard.api.data.DatasetFactory;
import java.util.List;
import java.util.Random;

/**
 * {@code blobs}: a small, seeded, nearly separable classification problem (Gaussian blobs around one corner per
 * class), so engine tests train real models in milliseconds.
 */
public final class BlobsDatasetFactory implements DatasetFactory {

    @Override
    public String name() {
        return "blobs";
    }

    @Override
    public String description() {
        return "Gaussian blobs for tests";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.integer("train", 96, Range.atLeast(1), "training samples"),
                HyperParameter.integer("test", 48, Range.atLeast(1), "test samples"),
                HyperParameter.integer("classes", 3, Range.atLeast(2), "number of classes"),
                HyperParameter.integer("features", 4, Range.atLeast(1), "features per sample (at least classes)"));
    }

    @Override
    public Dataset load(PluginConfig config, DatasetContext context) {
        Random random = new Random(1234);
        int classes = config.getInt("classes");
        int features = Math.max(classes, config.getInt("features"));
        DataSplit train = split(config.getInt("train"), classes, features, random);
        DataSplit test = split(config.getInt("test"), classes, features, random);
        return new Dataset() {
            @Override
            public DataSplit train() {
                return train;
            }

            @Override
            public DataSplit test() {
                return test;
            }

            @Override
            public long[] sampleShape() {
                return new long[] {features};
            }

            @Override
            public int classes() {
                return classes;
            }

            @Override
            public String sha256() {
                return "0".repeat(64);
            }
        };
    }

    private static DataSplit split(int size, int classes, int width, Random random) {
        float[] features = new float[size * width];
        float[] targets = new float[size];
        for (int i = 0; i < size; i++) {
            int label = i % classes;
            targets[i] = label;
            for (int j = 0; j < width; j++) {
                features[i * width + j] = (float) ((j == label ? 2.0 : 0.0) + 0.5 * random.nextGaussian());
            }
        }
        return new ArraySplit(features, width, targets, 1);
    }
}
