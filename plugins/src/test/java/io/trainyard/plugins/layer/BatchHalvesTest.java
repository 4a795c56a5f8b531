package io.trainyard.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.trainyard.api.model.Layer;
import io.trainyard.api.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Splitting a batch in two, and layers whose halves give the same bits on one thread as on two. */
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
        // Its backward pass at any batch: the input's gradient beside the parameters', with and without a bias; below
        // 256 samples its forward pass from 64 output units.
        INDArray batch = Nd4j.rand(DataType.FLOAT, 64, 20).subi(0.5);
        assertArrayEquals(passes(1, () -> new Linear(20, 65), batch), passes(2, () -> new Linear(20, 65), batch));
        assertArrayEquals(passes(1, () -> new Linear(20, 7), batch), passes(2, () -> new Linear(20, 7), batch));
        assertArrayEquals(passes(1, () -> new Linear(20, 7, false), batch),
                passes(2, () -> new Linear(20, 7, false), batch));
        // Activations from Halves.ELEMENTWISE_FROM values: the gradient (and GELU's function too) in two halves.
        INDArray wide = Nd4j.rand(DataType.FLOAT, 64, 300).subi(0.5);
        assertArrayEquals(passes(1, Relu::new, wide), passes(2, Relu::new, wide));
        assertArrayEquals(passes(1, () -> new Gelu(false), wide), passes(2, () -> new Gelu(false), wide));
        ConvolutionAxis axis = ConvolutionAxis.padded(3, 1, 1, 1);
        assertArrayEquals(passes(1, () -> new Conv2d(3, 6, axis, axis, 3, true), input),
                passes(2, () -> new Conv2d(3, 6, axis, axis, 3, true), input));
    }

    @Test
    void anActivationOfManyValuesGivesEveryElementOfBothHalvesItsGradient() {
        // 64 x 300 values, over Halves.ELEMENTWISE_FROM: ReLU's gradient runs as two halves of the batch.
        INDArray input = Nd4j.rand(DataType.FLOAT, 64, 300).subi(0.5);
        INDArray gradOutput = Nd4j.rand(DataType.FLOAT, 64, 300).addi(1);
        Relu relu = new Relu();
        relu.useThreads(2);
        relu.forward(input, true);
        float[] gradInput = relu.backward(gradOutput, true).data().asFloat();
        float[] x = input.data().asFloat();
        float[] g = gradOutput.data().asFloat();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] > 0 ? g[i] : 0f, gradInput[i], "element " + i);
        }
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
}
