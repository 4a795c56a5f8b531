package io.trainyard.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.model.Layer;
import io.trainyard.api.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Splitting a batch in two and running the halves at once: the hand-over, and layers that give the same bits. */
class BatchHalvesTest {

    @Test
    void aBatchSplitsAlongItsFirstAxisTheFirstHalfTheLarger() {
        INDArray batch = Nd4j.arange(5 * 2).castTo(DataType.FLOAT).reshape(5, 2);
        List<INDArray> parts = views(batch, true);
        assertEquals(2, parts.size());
        INDArray first = parts.get(0);
        INDArray second = parts.get(1);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, first.dup().data().asFloat());
        assertArrayEquals(new float[] {6, 7, 8, 9}, second.dup().data().asFloat());
        second.putScalar(0, 0, -1);
        assertEquals(-1, batch.getFloat(3, 0), "a part is a view of the batch");
        INDArray sample = Nd4j.ones(DataType.FLOAT, 1, 2);
        List<INDArray> single = views(sample, true);
        assertEquals(1, single.size(), "a single sample is not split");
        assertSame(sample, single.get(0));
        assertSame(batch, views(batch, false).get(0));
    }

    /** The views {@link BatchHalves#split} hands each part's work. */
    private static List<INDArray> views(INDArray batch, boolean split) {
        List<INDArray> views = new ArrayList<>();
        BatchHalves.split(batch.size(0), split, 0, part -> {
            views.add(part.of(batch));
            return () -> { };
        });
        return views;
    }

    @Test
    void theSecondHalfRunsOnAnotherThreadAndTheCallReturnsWhenBothHaveEnded() {
        List<Thread> ran = new CopyOnWriteArrayList<>();
        AtomicBoolean secondEnded = new AtomicBoolean();
        BatchHalves.run(true, () -> ran.add(Thread.currentThread()), () -> {
            sleep(50);
            ran.add(Thread.currentThread());
            secondEnded.set(true);
        });
        assertTrue(secondEnded.get());
        assertEquals(2, ran.size());
        assertTrue(ran.contains(Thread.currentThread()));
        assertNotSame(ran.get(0), ran.get(1));
    }

    @Test
    void withoutASecondThreadOrWhileTheHelperIsBusyTheCallerRunsBothHalves() {
        List<Thread> ran = new CopyOnWriteArrayList<>();
        Runnable record = () -> ran.add(Thread.currentThread());
        BatchHalves.run(false, record, record);
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), ran);

        ran.clear();
        AtomicReference<Thread> outer = new AtomicReference<>();
        BatchHalves.run(true, () -> {
            outer.set(Thread.currentThread());
            BatchHalves.run(true, record, record); // the helper is taken: no deadlock, both here
        }, () -> sleep(20));
        assertEquals(List.of(outer.get(), outer.get()), ran);
    }

    @Test
    void aFailureInEitherHalfReachesTheCallerOnlyAfterBothHaveEndedTheFirstHalfsWhenBothFail() {
        AtomicBoolean secondEnded = new AtomicBoolean();
        IllegalStateException first = assertThrows(IllegalStateException.class, () -> BatchHalves.run(true, () -> {
            throw new IllegalStateException("first");
        }, () -> {
            sleep(50);
            secondEnded.set(true);
        }));
        assertEquals("first", first.getMessage());
        assertTrue(secondEnded.get());

        IllegalArgumentException second = assertThrows(IllegalArgumentException.class, () -> BatchHalves.run(true,
                () -> { }, () -> {
                    throw new IllegalArgumentException("second");
                }));
        assertEquals("second", second.getMessage());

        IllegalStateException both = assertThrows(IllegalStateException.class, () -> BatchHalves.run(true, () -> {
            throw new IllegalStateException("first of two");
        }, () -> {
            throw new IllegalArgumentException("second of two");
        }));
        assertEquals("first of two", both.getMessage());

        AtomicBoolean after = new AtomicBoolean();
        BatchHalves.run(true, () -> { }, () -> after.set(true));
        assertTrue(after.get(), "the helper still works after a failure");
    }

    @Test
    void layersThatSplitTheBatchGiveTheSameBitsOnOneThreadAsOnTwo() {
        INDArray input = Nd4j.rand(DataType.FLOAT, 7, 3, 6, 6).subi(0.5);
        assertArrayEquals(passes(1, () -> new Conv2d(3, 4, 3, 1, 1), input),
                passes(2, () -> new Conv2d(3, 4, 3, 1, 1), input));
        assertArrayEquals(passes(1, () -> new MaxPool2d(2, 2, 0), input),
                passes(2, () -> new MaxPool2d(2, 2, 0), input));
        // Unfolded GEMMs: for one input channel on any build, and for groups.
        INDArray grey = Nd4j.rand(DataType.FLOAT, 7, 1, 6, 6).subi(0.5);
        assertArrayEquals(passes(1, () -> new Conv2d(1, 4, 3, 1, 1), grey),
                passes(2, () -> new Conv2d(1, 4, 3, 1, 1), grey));
        // A linear layer's forward pass, from 256 samples.
        INDArray rows = Nd4j.rand(DataType.FLOAT, 301, 20).subi(0.5);
        assertArrayEquals(passes(1, () -> new Linear(20, 7), rows), passes(2, () -> new Linear(20, 7), rows));
        // Its backward pass at any batch: the input's gradient beside the parameters', with and without a bias.
        INDArray batch = Nd4j.rand(DataType.FLOAT, 64, 20).subi(0.5);
        assertArrayEquals(passes(1, () -> new Linear(20, 7), batch), passes(2, () -> new Linear(20, 7), batch));
        assertArrayEquals(passes(1, () -> new Linear(20, 7, false), batch),
                passes(2, () -> new Linear(20, 7, false), batch));
        ConvolutionAxis axis = ConvolutionAxis.padded(3, 1, 1, 1);
        assertArrayEquals(passes(1, () -> new Conv2d(3, 6, axis, axis, 3, true), input),
                passes(2, () -> new Conv2d(3, 6, axis, axis, 3, true), input));
    }

    /** Output, input gradient and parameter gradients of two training steps (the second's gradients accumulate). */
    private float[] passes(int threads, Supplier<Layer> layers, INDArray input) {
        Layer layer = layers.get();
        layer.useThreads(threads);
        long count = layer.parameterCount();
        Parameters parameters = count > 0 ? new Parameters(DataType.FLOAT, count) : null;
        if (parameters != null) {
            layer.bind(parameters.valuesView(0, count), parameters.gradientsView(0, count));
            layer.initialize(new Random(3));
        }
        INDArray output = null;
        INDArray gradInput = null;
        for (int step = 0; step < 2; step++) {
            output = layer.forward(input, true);
            gradInput = layer.backward(output.mul(0.5), true);
        }
        List<INDArray> results = parameters == null ? List.of(output, gradInput)
                : List.of(output, gradInput, parameters.gradients());
        return Nd4j.concat(0, results.stream().map(array -> array.reshape(-1)).toArray(INDArray[]::new))
                .data().asFloat();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
