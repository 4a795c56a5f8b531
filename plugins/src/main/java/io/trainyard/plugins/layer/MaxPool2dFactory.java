package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code maxpool2d(kernel_size=2 stride=kernel_size padding=0)}: the maximum of each window, per channel. */
public final class MaxPool2dFactory implements LayerFactory {

    @Override
    public String name() {
        return "maxpool2d";
    }

    @Override
    public String description() {
        return "2-D max pooling over [channels, height, width]";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.integer("kernel_size", 2, Range.atLeast(1), "side of the square window"),
                new HyperParameter("stride", HyperParameter.Type.INTEGER, null, Range.atLeast(1),
                        "step between windows; when left out, kernel_size (as in PyTorch)"),
                HyperParameter.integer("padding", 0, Range.atLeast(0), "implicit -infinity on every side,"
                        + " at most kernel_size / 2"),
                HyperParameter.bool("ceil_mode", false, "round the output size up, as PyTorch's ceil_mode"));
    }

    @Override
    public void validate(PluginConfig config) {
        if (2 * config.getLong("padding") > config.getLong("kernel_size")) {
            throw new TrainyardException("maxpool2d padding must be at most half of kernel_size, got padding "
                    + config.getLong("padding") + " for kernel_size " + config.getLong("kernel_size"));
        }
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        LayerInputs.channels(name(), context.inputShape());
        int kernel = config.getInt("kernel_size");
        return new MaxPool2d(kernel, config.has("stride") ? config.getInt("stride") : kernel,
                config.getInt("padding"), config.getBoolean("ceil_mode"));
    }
}
