package io.trainyard.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SlicesTest {

    /** A layer's bound, 1/sqrt(fan_in): not a power of two, so rounding before or after scaling would differ. */
    private static final double BOUND = 1.0 / Math.sqrt(131);

    /** Fills the middle of a flat buffer, as a layer's initialisation fills its slice of the parameters. */
    private static INDArray fillMiddle(DataType type, long seed) {
        INDArray flat = Nd4j.zeros(type, 1, 3 + 7 * 131 + 5);
        Slices.fillUniform(Slices.matrix(flat, 3, 7, 131), new Random(seed), BOUND);
        return flat;
    }

    /** The double draws rounded by ND4J's cast, as every layer was initialised before floats were drawn directly. */
    private static float[] castDraws(long seed, int count, double bound) {
        Random random = new Random(seed);
        double[] draws = new double[count];
        for (int i = 0; i < count; i++) {
            draws[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return Nd4j.createFromArray(draws).castTo(DataType.FLOAT).toFloatVector();
    }

    @Test
    void aFloatSliceHoldsTheDoubleDrawsAsNd4jRoundsThemAndNothingOutsideItChanges() {
        for (long seed : new long[] {0, 42, 7_777_777}) {
            float[] flat = fillMiddle(DataType.FLOAT, seed).toFloatVector();
            float[] slice = Arrays.copyOfRange(flat, 3, 3 + 7 * 131);
            assertArrayEquals(castDraws(seed, 7 * 131, BOUND), slice, 0f, "seed " + seed);
            assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0},
                    new float[] {flat[0], flat[1], flat[2], flat[flat.length - 5], flat[flat.length - 4],
                            flat[flat.length - 3], flat[flat.length - 2], flat[flat.length - 1]});
        }
    }

    @Test
    void aViewWhoseElementsAreNotInRowMajorOrderIsFilledInItsOwnRowMajorOrder() {
        INDArray matrix = Nd4j.zeros(DataType.FLOAT, 131, 7);
        INDArray transposed = matrix.transpose();
        Slices.fillUniform(transposed, new Random(42), BOUND);
        assertArrayEquals(castDraws(42, 7 * 131, BOUND), transposed.dup('c').data().asFloat(), 0f);
    }

    @Test
    void aDoubleSliceHoldsTheDrawsThemselves() {
        double[] flat = fillMiddle(DataType.DOUBLE, 42).toDoubleVector();
        Random random = new Random(42);
        for (int i = 0; i < 7 * 131; i++) {
            assertEquals((2 * random.nextDouble() - 1) * BOUND, flat[3 + i], 0.0);
        }
    }
}
