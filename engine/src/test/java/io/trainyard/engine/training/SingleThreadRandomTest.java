package io.trainyard.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SingleThreadRandomTest {

    @Test
    void everyDrawIsThatOfJavaUtilRandomWithTheSameSeed() {
        for (long seed : new long[] {0, 42, -7, Long.MAX_VALUE, 0x5DEECE66DL}) {
            Random expected = new Random(seed);
            Random actual = new SingleThreadRandom(seed);
            for (int i = 0; i < 1_000; i++) {
                assertEquals(expected.nextInt(), actual.nextInt());
                assertEquals(expected.nextInt(60_000), actual.nextInt(60_000));
                assertEquals(expected.nextLong(), actual.nextLong());
                assertEquals(Double.doubleToLongBits(expected.nextDouble()),
                        Double.doubleToLongBits(actual.nextDouble()));
                assertEquals(Float.floatToIntBits(expected.nextFloat()), Float.floatToIntBits(actual.nextFloat()));
                assertEquals(expected.nextBoolean(), actual.nextBoolean());
                assertEquals(Double.doubleToLongBits(expected.nextGaussian()),
                        Double.doubleToLongBits(actual.nextGaussian()));
            }
            byte[] expectedBytes = new byte[13];
            byte[] actualBytes = new byte[13];
            expected.nextBytes(expectedBytes);
            actual.nextBytes(actualBytes);
            assertArrayEquals(expectedBytes, actualBytes, "seed " + seed);
        }
    }

    @Test
    void reseedingStartsTheSequenceOfTheNewSeedAndForgetsAPendingGaussian() {
        Random expected = new Random(1);
        Random actual = new SingleThreadRandom(1);
        expected.nextGaussian();
        actual.nextGaussian(); // leaves the second of the pair pending
        expected.setSeed(99);
        actual.setSeed(99);
        for (int i = 0; i < 100; i++) {
            assertEquals(Double.doubleToLongBits(expected.nextGaussian()),
                    Double.doubleToLongBits(actual.nextGaussian()));
        }
    }
}
