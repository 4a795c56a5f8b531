package io.trainyard.plugins.layer;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import java.util.List;
import java.util.Locale;

/**
 * {@code conv2d(out_channels kernel_size=3 stride=1 padding=0 dilation=1 groups=1 bias=true)}: PyTorch's
 * {@code Conv2d}. Kernel size, stride and dilation are one number for both axes or {@code (height width)}; padding is
 * a number, {@code (height width)}, {@code same} or {@code valid}, as in PyTorch.
 */
public final class Conv2dFactory implements LayerFactory {

    private static final String PADDING_FORMS = "a number, (height width), same or valid";

    @Override
    public String name() {
        return "conv2d";
    }

    @Override
    public String description() {
        return "2-D convolution (cross-correlation) over [channels, height, width], as PyTorch's Conv2d; input"
                + " channels are inferred";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.integer("out_channels", 16, Range.atLeast(1), "output channels (filters)"),
                HyperParameter.integerList("kernel_size", List.of(3L), Range.atLeast(1),
                        "kernel size: one number for both axes, or (height width)"),
                HyperParameter.integerList("stride", List.of(1L), Range.atLeast(1),
                        "step between kernel positions: one number or (height width)"),
                HyperParameter.string("padding", "0", "zeros added on each side: " + PADDING_FORMS
                        + " (same keeps the input size; stride 1 only)"),
                HyperParameter.integerList("dilation", List.of(1L), Range.atLeast(1),
                        "spacing between kernel taps: one number or (height width)"),
                HyperParameter.integer("groups", 1, Range.atLeast(1), "independent convolutions over channel"
                        + " groups; must divide the input channels and out_channels"),
                HyperParameter.bool("bias", true, "learn an additive bias per output channel"));
    }

    @Override
    public void validate(PluginConfig config) {
        for (String key : List.of("kernel_size", "stride", "dilation")) {
            axes(config, key);
        }
        Padding padding = padding(config.getString("padding"));
        if (padding.same() && (axes(config, "stride")[0] != 1 || axes(config, "stride")[1] != 1)) {
            throw new TrainyardException("conv2d padding=same needs stride 1, as in PyTorch; give the padding as a"
                    + " number instead");
        }
    }

    @Override
    public Layer create(PluginConfig config, LayerContext context) {
        int[] kernel = axes(config, "kernel_size");
        int[] stride = axes(config, "stride");
        int[] dilation = axes(config, "dilation");
        Padding padding = padding(config.getString("padding"));
        ConvolutionAxis[] axes = new ConvolutionAxis[2];
        for (int axis = 0; axis < 2; axis++) {
            axes[axis] = padding.same() ? ConvolutionAxis.same(kernel[axis], dilation[axis])
                    : ConvolutionAxis.padded(kernel[axis], stride[axis], dilation[axis], padding.zeros()[axis]);
        }
        return new Conv2d(LayerInputs.channels(name(), context.inputShape()), config.getInt("out_channels"),
                axes[0], axes[1], config.getInt("groups"), config.getBoolean("bias"));
    }

    /** A setting given as one number for both axes or as {@code (height width)}. */
    private static int[] axes(PluginConfig config, String key) {
        List<Long> values = config.getLongList(key);
        if (values.size() > 2) {
            throw new TrainyardException("conv2d " + key + " takes one number or two (height width), got "
                    + values.size());
        }
        return new int[] {Math.toIntExact(values.get(0)), Math.toIntExact(values.get(values.size() - 1))};
    }

    /** Zeros per axis, or PyTorch's same padding. */
    private record Padding(boolean same, int[] zeros) {
    }

    private static Padding padding(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("same")) {
            return new Padding(true, null);
        }
        if (value.equals("valid")) {
            return new Padding(false, new int[] {0, 0});
        }
        List<String> parts = Tuple.parts(value);
        try {
            if (parts.size() <= 2) {
                int height = Integer.parseInt(parts.get(0));
                int width = Integer.parseInt(parts.get(parts.size() - 1));
                if (height >= 0 && width >= 0) {
                    return new Padding(false, new int[] {height, width});
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the forms that are accepted
        }
        throw new TrainyardException("conv2d padding must be " + PADDING_FORMS + " (numbers >= 0), got '" + text
                + "'");
    }
}
