package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import java.util.List;

/** What {@code softmax} and {@code log-softmax} share: PyTorch's {@code dim}, counted with the batch as dimension 0. */
final class SoftmaxLayers {

    private SoftmaxLayers() {
    }

    static List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.integer("dim", -1, Range.any(), "the dimension to normalise along, the batch"
                + " being 0 (-1: the last)"));
    }

    static Layer create(String name, boolean log, PluginConfig config, LayerContext context) {
        long[] sample = context.inputShape();
        int rank = sample.length + 1;
        int dim = config.getInt("dim");
        int axis = dim < 0 ? dim + rank : dim;
        if (axis < 1 || axis >= rank) {
            throw new TrainyardException(name + " dim must name a dimension of a sample, 1 to " + (rank - 1)
                    + " or -1 to -" + (rank - 1) + " for input of shape [batch" + shape(sample) + "], got " + dim
                    + (axis == 0 ? " (dim 0 would mix the samples of a batch)" : ""));
        }
        long stride = 1;
        for (int i = axis; i < sample.length; i++) {
            stride *= sample[i];
        }
        return new Softmax(log, Math.toIntExact(sample[axis - 1]), Math.toIntExact(stride));
    }

    private static String shape(long[] sample) {
        StringBuilder text = new StringBuilder();
        for (long size : sample) {
            text.append(", ").append(size);
        }
        return text.toString();
    }
}
