package io.trainyard.plugins.layer;

import io.trainyard.api.model.BoundOp;
import io.trainyard.api.parallel.Halves;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution pass through libnd4j's {@code conv2d} and {@code conv2d_bp}, which ND4J's oneDNN build runs in
 * oneDNN's kernels: on the CNN example's second layer (batch 64, 16 -> 32 channels, 14x14) 0.9 ms forward and 1.8 ms
 * backward on one thread, against 3.3 and 6 ms as unfolded GEMMs; as two {@link BatchHalves} at once 0.55 and 1.0 ms
 * (alone; about 1.0 and 1.6 ms within the network's batch). {@code conv2d_bp} overwrites its weight and bias
 * gradients, so each half's land in scratch arrays of its own and are added to the layer's in order, which
 * accumulate as every layer's do.
 */
final class NativeConvolution implements BoundPasses.Pass {

    private final Conv2d layer;
    private final INDArray input;
    private final INDArray output;
    private final INDArray[] parameters;
    private final long[] arguments;
    private final Halves convolve;
    private INDArray boundGradOutput;
    private INDArray gradInput;
    private Halves backward;
    private BoundOp[] accumulate;

    NativeConvolution(Conv2d layer, INDArray input) {
        this.layer = layer;
        this.input = input;
        this.output = layer.outputs.get(input.dataType(), input.size(0),
                layer.outputShape(Arrays.copyOfRange(input.shape(), 1, 4)));
        INDArray weight = layer.weight().reshape(layer.out(), layer.in(), layer.height().kernel(),
                layer.width().kernel());
        this.parameters = layer.hasBias() ? new INDArray[] {weight, layer.bias().reshape(layer.out())}
                : new INDArray[] {weight};
        ConvolutionAxis height = layer.height();
        ConvolutionAxis width = layer.width();
        // Window, stride, padding, dilation, same mode (libnd4j then pads as PyTorch does), NCHW,
        // weight [out, in, kH, kW].
        this.arguments = new long[] {height.kernel(), width.kernel(), height.stride(), width.stride(),
            height.paddingBefore(), width.paddingBefore(), height.dilation(), width.dilation(),
            layer.samePadding() ? 1 : 0, 0, 1};
        this.convolve = BatchHalves.split(input.size(0), true, layer.threads(),
                part -> BoundOp.named("conv2d", arguments, part.of(output), concat(part.of(input), parameters))::run);
    }

    @Override
    public INDArray forward() {
        convolve.run();
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (gradOutput != boundGradOutput) {
            bind(gradOutput);
        }
        backward.run();
        for (BoundOp op : accumulate) {
            op.run();
        }
        return inputGradient ? gradInput : null;
    }

    private void bind(INDArray gradOutput) {
        boundGradOutput = gradOutput;
        gradInput = layer.inputGradients.like(input);
        INDArray[] gradients = layer.hasBias() ? new INDArray[] {layer.weightGradient(), layer.biasGradient()}
                : new INDArray[] {layer.weightGradient()};
        List<BoundOp> sums = new ArrayList<>();
        backward = BatchHalves.split(input.size(0), true, layer.threads(), part -> {
            INDArray[] outputs = new INDArray[1 + parameters.length];
            outputs[0] = part.of(gradInput);
            for (int p = 0; p < parameters.length; p++) {
                outputs[p + 1] = Nd4j.zeros(parameters[p].dataType(), parameters[p].shape());
                INDArray sum = gradients[p].reshape(parameters[p].shape());
                sums.add(Conv2d.accumulate(sum, outputs[p + 1]));
            }
            INDArray[] inputs = concat(part.of(input), parameters);
            inputs = Arrays.copyOf(inputs, inputs.length + 1);
            inputs[inputs.length - 1] = part.of(gradOutput);
            return BoundOp.named("conv2d_bp", arguments, outputs, inputs)::run;
        });
        accumulate = sums.toArray(new BoundOp[0]);
    }

    private static INDArray[] concat(INDArray first, INDArray[] rest) {
        INDArray[] all = new INDArray[1 + rest.length];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
