package io.trainyard.api.data;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A split held in Java arrays: samples of {@code sampleLength} floats laid end to end, and one or more target
 * floats per sample. Filling a batch is a bulk copy per sample into the batch's native memory.
 */
public final class ArraySplit implements DataSplit {

    private final float[] features;
    private final float[] targets;
    private final int sampleLength;
    private final int targetLength;
    private final int size;

    public ArraySplit(float[] features, int sampleLength, float[] targets, int targetLength) {
        checkSameSamples(features.length, sampleLength, targets.length, targetLength);
        this.features = features;
        this.targets = targets;
        this.sampleLength = sampleLength;
        this.targetLength = targetLength;
        this.size = features.length / sampleLength;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void fill(int[] order, int from, int count, INDArray featuresOut, INDArray targetsOut) {
        copy(features, sampleLength, order, from, count, featuresOut);
        copy(targets, targetLength, order, from, count, targetsOut);
    }

    static void checkSameSamples(int featureCount, int sampleLength, int targetCount, int targetLength) {
        if (sampleLength <= 0 || targetLength <= 0 || featureCount % sampleLength != 0
                || targetCount % targetLength != 0 || targetCount / targetLength != featureCount / sampleLength) {
            throw new IllegalArgumentException("features and targets do not describe the same number of samples");
        }
    }

    static void checkBatch(INDArray out, int count, int length) {
        if (out.length() != (long) count * length) {
            throw new IllegalArgumentException("batch array " + java.util.Arrays.toString(out.shape())
                    + " does not hold " + count + " samples of " + length + " values");
        }
    }

    static void copy(float[] source, int length, int[] order, int from, int count, INDArray out) {
        checkBatch(out, count, length);
        DataBuffer buffer = out.data();
        long base = out.offset();
        if (out.dataType() == DataType.FLOAT) {
            FloatBuffer target = buffer.asNioFloat();
            for (int i = 0; i < count; i++) {
                target.position((int) base + i * length);
                target.put(source, order[from + i] * length, length);
            }
        } else {
            for (int i = 0; i < count; i++) {
                int start = order[from + i] * length;
                for (int j = 0; j < length; j++) {
                    buffer.put(base + (long) i * length + j, (double) source[start + j]);
                }
            }
        }
    }
}
