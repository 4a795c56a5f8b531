package io.trainyard.engine.tracking;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-step metrics packed into one binary value per write: for each step, big-endian, the step (int64), epoch
 * (int32), batch (int32), training loss (float64, NaN when missing) and time (int64 epoch milliseconds). One row
 * of {@code step_chunks} per chunk instead of one per step makes ingest ~30 times faster in H2 (a row costs two
 * B-tree inserts; a chunk of a thousand steps costs the same two).
 */
public final class StepChunk {

    static final int BYTES_PER_STEP = 32;

    private StepChunk() {
    }

    public static byte[] pack(List<StepMetric> steps) {
        ByteBuffer buffer = ByteBuffer.allocate(steps.size() * BYTES_PER_STEP);
        for (StepMetric step : steps) {
            buffer.putLong(step.step()).putInt(step.epoch()).putInt(step.batch()).putDouble(step.trainLoss())
                    .putLong(step.recordedAt().toEpochMilli());
        }
        return buffer.array();
    }

    public static List<StepMetric> unpack(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        List<StepMetric> steps = new ArrayList<>(data.length / BYTES_PER_STEP);
        while (buffer.hasRemaining()) {
            steps.add(new StepMetric(buffer.getLong(), buffer.getInt(), buffer.getInt(), buffer.getDouble(),
                    Instant.ofEpochMilli(buffer.getLong())));
        }
        return steps;
    }
}
