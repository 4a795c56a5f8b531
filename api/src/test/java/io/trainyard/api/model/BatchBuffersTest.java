package io.trainyard.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchBuffersTest {

    @Test
    void returnsTheSameArrayForTheSameBatchSize() {
        BatchBuffers buffers = new BatchBuffers();
        INDArray first = buffers.get(DataType.FLOAT, 64, 10);
        first.putScalar(0, 0, 7f);
        INDArray again = buffers.get(DataType.FLOAT, 64, 10);
        assertSame(first, again);
        assertEquals(7f, again.getFloat(0, 0));
    }

    @Test
    void keepsOneArrayPerBatchSizeAndType() {
        BatchBuffers buffers = new BatchBuffers();
        INDArray full = buffers.get(DataType.FLOAT, 64, 10);
        INDArray last = buffers.get(DataType.FLOAT, 32, 10);
        assertNotSame(full, last);
        assertArrayEquals(new long[] {32, 10}, last.shape());
        assertSame(full, buffers.get(DataType.FLOAT, 64, 10));
        assertNotSame(full, buffers.get(DataType.DOUBLE, 64, 10));
    }

    @Test
    void keepsOneArrayPerSampleShapeOfTheSameBatchSize() {
        BatchBuffers buffers = new BatchBuffers();
        INDArray small = buffers.get(DataType.FLOAT, 1, 64 * 512);
        INDArray large = buffers.get(DataType.FLOAT, 1, 250 * 512);
        assertArrayEquals(new long[] {1, 250 * 512}, large.shape());
        assertNotSame(small, large);
        assertArrayEquals(new long[] {4, 2, 3}, buffers.get(DataType.FLOAT, 4, 2, 3).shape());
        assertArrayEquals(new long[] {4, 6}, buffers.get(DataType.FLOAT, 4, 6).shape());
        assertSame(small, buffers.get(DataType.FLOAT, 1, 64 * 512));
    }

    @Test
    void startsFilledWithTheInitialValue() {
        INDArray ones = new BatchBuffers(1.0).get(DataType.FLOAT, 3, 1);
        assertEquals(3.0, ones.sumNumber().doubleValue());
    }
}
