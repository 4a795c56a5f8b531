package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;

/** {@code conv2d(out_channels kernel_size=3 stride=1 padding=0)}: a 2-D convolution with square kernels. */
public final class Conv2dFactory implements LayerFactory {

    @Override
    public String name() {
        return "conv2d";
    }

    @Override
    public String description() {
        return "2-D convolution (cross-correlation) with bias over [channels, height, width]; input channels are"
                + " inferred";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.integer("out_channels", 16, Range.atLeast(1), "output channels (filters)"),
                HyperParameter.integer("kernel_size", 3, Range.atLeast(1), "side of the square kernel"),
                HyperParameter.integer("stride", 1, Range.atLeast(1), "step between kernel positions"),
                HyperParameter.integer("padding", 0, Range.atLeast(0), "zeros added on every side"),
                HyperParameter.bool("bias", true, "learn an additive bias per output channel"));
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        return new Conv2d(LayerInputs.channels(name(), context.inputShape()), config.getInt("out_channels"),
                config.getInt("kernel_size"), config.getInt("stride"), config.getInt("padding"),
                config.getBoolean("bias"));
    }
}
