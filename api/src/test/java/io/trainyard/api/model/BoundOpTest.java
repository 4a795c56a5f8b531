package io.trainyard.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
