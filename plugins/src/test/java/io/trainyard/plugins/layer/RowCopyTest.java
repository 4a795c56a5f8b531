package io.trainyard.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RowCopyTest {

    /** A 5x13 matrix whose value at row r, column c is 100 r + c, of the given type. */
    private static INDArray numbered(DataType type) {
        double[][] values = new double[5][13];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 13; c++) {
                values[r][c] = 100 * r + c;
            }
        }
        return Nd4j.createFromArray(values).castTo(type);
    }

    @Test
    void someColumnsGoIntoADenseBlockAndBackWithNothingElseTouched() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray wide = numbered(type);
            INDArray columns = wide.get(all(), interval(4, 11));
            // The block sits inside a larger buffer, as a layer's blocks do, with something on either side.
            INDArray buffer = Nd4j.valueArrayOf(new long[] {1, 3 + 5 * 7 + 2}, -1.0, type);
            INDArray block = Slices.matrix(buffer, 3, 5, 7);

            RowCopy.of(columns, block).run();
            assertArrayEquals(columns.toDoubleMatrix(), block.toDoubleMatrix(), type.toString());
            double[] around = buffer.toDoubleVector();
            assertArrayEquals(new double[] {-1, -1, -1, -1, -1},
                    new double[] {around[0], around[1], around[2], around[around.length - 2],
                            around[around.length - 1]}, type.toString());

            INDArray expected = wide.dup();
            block.muli(2);
            expected.get(all(), interval(4, 11)).muli(2);
            RowCopy.of(block, columns).run();
            assertArrayEquals(expected.toDoubleMatrix(), wide.toDoubleMatrix(), "the other columns keep their values");
        }
    }

    @Test
    void aMatrixIsDenseOnlyWhenItsRowsFollowOneAnother() {
        INDArray wide = numbered(DataType.FLOAT);
        assertTrue(RowCopy.dense(wide));
        assertTrue(RowCopy.dense(wide.get(interval(1, 3), all())), "whole rows");
        assertTrue(RowCopy.dense(wide.get(interval(2, 3), interval(4, 11))), "one row");
        assertFalse(RowCopy.dense(wide.get(all(), interval(4, 11))), "some columns of every row");
        assertFalse(RowCopy.dense(wide.transpose()));
    }

    @Test
    void matricesOfDifferentShapesOrTypesAreRefused() {
        INDArray wide = numbered(DataType.FLOAT);
        assertThrows(IllegalArgumentException.class, () -> RowCopy.of(wide, Nd4j.zeros(DataType.FLOAT, 5, 12)));
        assertThrows(IllegalArgumentException.class, () -> RowCopy.of(wide, Nd4j.zeros(DataType.DOUBLE, 5, 13)));
        assertThrows(IllegalArgumentException.class, () -> RowCopy.of(wide, Nd4j.zeros(DataType.FLOAT, 13, 5)
                .transpose()), "columns not adjacent");
    }

    @Test
    void copyAfterCopyAllocatesNothing() {
        INDArray wide = Nd4j.rand(DataType.FLOAT, 64, 512);
        RowCopy copy = RowCopy.of(wide.get(all(), interval(0, 256)), Nd4j.zeros(DataType.FLOAT, 64, 256));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 5000; i++) {
            copy.run();
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            copy.run();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 16 * 1000, allocated + " bytes allocated in 1 000 copies");
    }
}
