package io.trainyard.api.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A split whose features are unsigned bytes, as image files keep pixels: a feature's value is its byte divided by
 * {@code divisor} (255 for pixels in [0, 1]), computed as the batch is filled, so the split holds a quarter of the
 * memory of the same samples as floats and loading it converts nothing. The values are exactly those of
 * {@code (byte & 0xff) / divisor} in float arithmetic. The bytes may be a file mapped into memory: a dataset's pages
 * are then those of the file in the operating system's cache, not a copy in the heap.
 */
public final class UnsignedByteSplit implements DataSplit {

    /** The samples' bytes, read by absolute index: the split never moves the buffer. */
    private final ByteBuffer features;
    /**
     * {@code b / divisor} for every byte value: a batch's conversion is a table lookup per value, not a division
     * (filling the reference MLP's batches took 48 ms an epoch instead of 60).
     */
    private final float[] values = new float[256];
    private final float[] targets;
    private final int sampleLength;
    private final int targetLength;
    private final int size;

    public UnsignedByteSplit(byte[] features, int sampleLength, float divisor, float[] targets, int targetLength) {
        this(ByteBuffer.wrap(features), sampleLength, divisor, targets, targetLength);
    }

    /**
     * @param features the samples' bytes, from the buffer's position to its limit (a mapped file's, say); the split
     *     reads them where they are and never changes them
     */
    public UnsignedByteSplit(ByteBuffer features, int sampleLength, float divisor, float[] targets,
            int targetLength) {
        ArraySplit.checkSameSamples(features.remaining(), sampleLength, targets.length, targetLength);
        if (!(divisor > 0) || Float.isInfinite(divisor)) {
            throw new IllegalArgumentException("the divisor must be a positive number, not " + divisor);
        }
        this.features = features.slice();
        this.targets = targets;
        this.sampleLength = sampleLength;
        this.targetLength = targetLength;
        this.size = this.features.capacity() / sampleLength;
        for (int b = 0; b < values.length; b++) {
            values[b] = b / divisor;
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void fill(int[] order, int from, int count, INDArray featuresOut, INDArray targetsOut) {
        ArraySplit.checkBatch(featuresOut, count, sampleLength);
        DataBuffer buffer = featuresOut.data();
        long base = featuresOut.offset();
        if (featuresOut.dataType() == DataType.FLOAT) {
            FloatBuffer target = buffer.asNioFloat();
            for (int i = 0; i < count; i++) {
                int start = order[from + i] * sampleLength;
                int at = (int) base + i * sampleLength;
                for (int j = 0; j < sampleLength; j++) {
                    target.put(at + j, values[features.get(start + j) & 0xff]);
                }
            }
        } else {
            for (int i = 0; i < count; i++) {
                int start = order[from + i] * sampleLength;
                for (int j = 0; j < sampleLength; j++) {
                    buffer.put(base + (long) i * sampleLength + j, (double) values[features.get(start + j) & 0xff]);
                }
            }
        }
        ArraySplit.copy(targets, targetLength, order, from, count, targetsOut);
    }
}
