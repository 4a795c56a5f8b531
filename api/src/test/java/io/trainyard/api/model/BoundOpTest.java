package io.trainyard.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

class BoundOpTest {

    private final INDArray a = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
    private final INDArray b = Nd4j.createFromArray(new double[][] {{5, 6}, {7, 8}});

    @Test
    void gemmMultipliesWithTransposeFlags() {
        INDArray c = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        BoundOp.gemm(a, b, c, false, false, 1, 0).run();
        assertArrayEquals(new double[] {19, 22, 43, 50}, c.data().asDouble(), 1e-12);
        BoundOp.gemm(a, b, c, true, false, 1, 0).run();   // a^T b
        assertArrayEquals(new double[] {26, 30, 38, 44}, c.data().asDouble(), 1e-12);
        BoundOp.gemm(a, b, c, false, true, 1, 0).run();   // a b^T
        assertArrayEquals(new double[] {17, 23, 39, 53}, c.data().asDouble(), 1e-12);
    }

    @Test
    void gemmAccumulatesWithBetaOneOnEveryRun() {
        INDArray c = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        BoundOp product = BoundOp.gemm(a, b, c, false, false, 0.5, 1);
        product.run();
        product.run();
        assertArrayEquals(new double[] {19, 22, 43, 50}, c.data().asDouble(), 1e-12);
    }

    @Test
    void gemmSeesNewValuesWrittenIntoItsArrays() {
        INDArray c = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        BoundOp product = BoundOp.gemm(a, b, c, false, false, 1, 0);
        product.run();
        a.assign(Nd4j.eye(2).castTo(DataType.DOUBLE));
        product.run();
        assertArrayEquals(b.data().asDouble(), c.data().asDouble(), 1e-12);
    }

    @Test
    void customOpComputesTheReluGradient() {
        INDArray input = Nd4j.createFromArray(new float[] {-1, 2, 0.5f, -3});
        INDArray gradOutput = Nd4j.createFromArray(new float[] {10, 20, 30, 40});
        INDArray gradInput = Nd4j.zeros(DataType.FLOAT, 4);
        BoundOp.of(new RectifiedLinearDerivative(input, gradOutput, gradInput), gradInput, input, gradOutput).run();
        assertArrayEquals(new float[] {0, 20, 30, 0}, gradInput.data().asFloat());
    }

    @Test
    void repeatedRunsAllocateNoNativeMemory() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 128);
        INDArray w = Nd4j.rand(DataType.FLOAT, 32, 128);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 32);
        BoundOp product = BoundOp.gemm(x, w, y, false, true, 1, 0);
        product.run();
        long growth = 0;
        long before = Pointer.totalBytes();
        for (int i = 0; i < 200; i++) {
            product.run();
            long now = Pointer.totalBytes();
            growth += Math.max(0, now - before);
            before = now;
        }
        assertEquals(0, growth);
    }

    @Test
    void repeatedRunsAllocateNothingOnTheJavaHeap() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 16);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 4);
        BoundOp product = BoundOp.gemm(x, w, y, false, true, 1, 0);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        product.run();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            product.run();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // The executioner's path made a list of the outputs on every call (tens of kilobytes in 1 000 runs); the
        // allowance covers the allocation counter's own first reading.
        assertTrue(allocated < 1024, allocated + " bytes allocated in 1 000 runs");
    }

    @Test
    void aFailingOpSaysWhichOpFailedAndWhy() {
        INDArray c = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        INDArray wrong = Nd4j.zeros(DataType.DOUBLE, 3, 3);
        BoundOp product = BoundOp.gemm(a, wrong, c, false, false, 1, 0);
        RuntimeException failure = assertThrows(RuntimeException.class, product::run);
        assertTrue(failure.getMessage().contains("matmul"), failure.getMessage());
    }

    @Test
    void aBoundOpKeepsItsContextAndArraysAliveThroughGarbageCollection() throws InterruptedException {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        BoundOp product = productOfFreshArrays(y);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        for (int i = 0; i < 100; i++) {
            product.run();
        }
        assertArrayEquals(new double[] {19, 22, 43, 50}, y.data().asDouble(), 1e-12);
    }

    /** A product of two arrays nothing but the op refers to once this returns. */
    private static BoundOp productOfFreshArrays(INDArray y) {
        return BoundOp.gemm(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}),
                Nd4j.createFromArray(new double[][] {{5, 6}, {7, 8}}), y, false, false, 1, 0);
    }
}
