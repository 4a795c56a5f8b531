package io.trainyard.plugins.model;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.ModelContext;
import io.trainyard.plugins.layer.BatchNorm1d;
import io.trainyard.plugins.layer.Conv2d;
import io.trainyard.plugins.layer.Dropout;
import io.trainyard.plugins.layer.Flatten;
import io.trainyard.plugins.layer.Gelu;
import io.trainyard.plugins.layer.LeakyRelu;
import io.trainyard.plugins.layer.Linear;
import io.trainyard.plugins.layer.MaxPool2d;
import io.trainyard.plugins.layer.Relu;
import io.trainyard.plugins.layer.Sigmoid;
import io.trainyard.plugins.layer.Softmax;
import io.trainyard.plugins.layer.Tanh;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers a {@code sequential} model can name, their arguments and defaults. Sizes that follow from the input
 * (a linear layer's inputs, a convolution's input channels) are inferred, as Keras does.
 */
final class LayerCatalog {

    private enum Type { INTEGER, DECIMAL, WORD }

    /**
     * An argument: its name, type and default: {@code null} when required, empty when the layer works its value out.
     */
    private record Argument(String name, Type type, String defaultValue, List<String> choices) {

        static Argument integer(String name, String defaultValue) {
            return new Argument(name, Type.INTEGER, defaultValue, List.of());
        }

        static Argument decimal(String name, String defaultValue) {
            return new Argument(name, Type.DECIMAL, defaultValue, List.of());
        }

        static Argument word(String name, String defaultValue, String... choices) {
            return new Argument(name, Type.WORD, defaultValue, List.of(choices));
        }
    }

    @FunctionalInterface
    private interface Builder {
        Layer build(Arguments arguments, long[] inputShape, ModelContext context);
    }

    private record Kind(String usage, List<Argument> arguments, Builder builder) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        add("linear", "linear(outputs); without a size, the model's outputs", (a, shape, context) ->
                new Linear(inputs(shape, "linear", a.spec()), a.integer("outputs", context.outputs())),
                Argument.integer("outputs", ""));
        add("conv2d", "conv2d(channels kernel=3 stride=1 padding=0)", (a, shape, context) ->
                new Conv2d(channels(shape, a.spec()), a.integer("channels", 0), a.integer("kernel", 0),
                        a.integer("stride", 0), a.integer("padding", 0)),
                Argument.integer("channels", null), Argument.integer("kernel", "3"), Argument.integer("stride", "1"),
                Argument.integer("padding", "0"));
        add("maxpool2d", "maxpool2d(kernel=2 stride=kernel padding=0)", (a, shape, context) ->
                new MaxPool2d(a.integer("kernel", 0), a.integer("stride", a.integer("kernel", 0)),
                        a.integer("padding", 0)),
                Argument.integer("kernel", "2"), Argument.integer("stride", ""), Argument.integer("padding", "0"));
        add("batchnorm1d", "batchnorm1d(eps=1e-5 momentum=0.1)", (a, shape, context) ->
                new BatchNorm1d(Math.toIntExact(inputs(shape, "batchnorm1d", a.spec())), a.decimal("eps"),
                        a.decimal("momentum")),
                Argument.decimal("eps", "1e-5"), Argument.decimal("momentum", "0.1"));
        add("dropout", "dropout(p=0.5)", (a, shape, context) -> new Dropout(a.decimal("p"),
                context.random().nextLong()), Argument.decimal("p", "0.5"));
        add("flatten", "flatten", (a, shape, context) -> new Flatten());
        add("relu", "relu", (a, shape, context) -> new Relu());
        add("leaky-relu", "leaky-relu(slope=0.01)", (a, shape, context) -> new LeakyRelu(a.decimal("slope")),
                Argument.decimal("slope", "0.01"));
        add("tanh", "tanh", (a, shape, context) -> new Tanh());
        add("sigmoid", "sigmoid", (a, shape, context) -> new Sigmoid());
        add("gelu", "gelu(approximate=none), or approximate=tanh", (a, shape, context) ->
                new Gelu(a.word("approximate").equals("tanh")), Argument.word("approximate", "none", "none", "tanh"));
        add("softmax", "softmax", (a, shape, context) -> new Softmax(false));
        add("log-softmax", "log-softmax", (a, shape, context) -> new Softmax(true));
    }

    private static void add(String name, String usage, Builder builder, Argument... arguments) {
        KINDS.put(name, new Kind(usage, List.of(arguments), builder));
    }

    private LayerCatalog() {
    }

    static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    /** Checks the name and arguments of a layer without building it, so mistakes surface when the file loads. */
    static void check(LayerSpec spec) {
        Arguments arguments = arguments(spec);
        for (Argument argument : KINDS.get(spec.name()).arguments()) {
            switch (argument.type()) {
                case INTEGER -> arguments.integer(argument.name(), 0);
                case DECIMAL -> arguments.decimal(argument.name());
                case WORD -> arguments.word(argument.name());
            }
        }
    }

    static Layer build(LayerSpec spec, long[] inputShape, ModelContext context) {
        try {
            return KINDS.get(spec.name()).builder().build(arguments(spec), inputShape, context);
        } catch (IllegalArgumentException e) {
            throw new TrainyardException(spec.where() + ": " + e.getMessage());
        }
    }

    /** The layer's output shape, with a shape mismatch reported against the layer's place in the file. */
    static long[] outputShape(LayerSpec spec, Layer layer, long[] inputShape) {
        try {
            return layer.outputShape(inputShape);
        } catch (IllegalArgumentException e) {
            throw new TrainyardException(spec.where() + ": " + e.getMessage());
        }
    }

    private static Arguments arguments(LayerSpec spec) {
        Kind kind = KINDS.get(spec.name());
        if (kind == null) {
            throw new TrainyardException(spec.where() + ": unknown layer '" + spec.name() + "'; available: "
                    + String.join(", ", KINDS.keySet()));
        }
        if (spec.positional().size() > kind.arguments().size()) {
            throw new TrainyardException(spec.where() + ": too many arguments; usage: " + kind.usage());
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < spec.positional().size(); i++) {
            values.put(kind.arguments().get(i).name(), spec.positional().get(i));
        }
        List<String> known = kind.arguments().stream().map(Argument::name).toList();
        spec.named().forEach((name, value) -> {
            if (!known.contains(name)) {
                throw new TrainyardException(spec.where() + ": " + spec.name() + " has no argument '" + name
                        + "'; usage: " + kind.usage());
            }
            if (values.put(name, value) != null) {
                throw new TrainyardException(spec.where() + ": argument '" + name + "' given twice");
            }
        });
        for (Argument argument : kind.arguments()) {
            if (!values.containsKey(argument.name())) {
                if (argument.defaultValue() == null) {
                    throw new TrainyardException(spec.where() + ": " + spec.name() + " needs '" + argument.name()
                            + "'; usage: " + kind.usage());
                }
                if (!argument.defaultValue().isEmpty()) {
                    values.put(argument.name(), argument.defaultValue());
                }
            }
        }
        return new Arguments(spec, kind, values);
    }

    private static long inputs(long[] shape, String layer, LayerSpec spec) {
        if (shape.length != 1) {
            throw new TrainyardException(spec.where() + ": " + layer + " needs flat inputs, got shape "
                    + java.util.Arrays.toString(shape) + "; add flatten before it");
        }
        return shape[0];
    }

    private static int channels(long[] shape, LayerSpec spec) {
        if (shape.length != 3) {
            throw new TrainyardException(spec.where() + ": conv2d needs [channels, height, width] inputs, got "
                    + java.util.Arrays.toString(shape));
        }
        return Math.toIntExact(shape[0]);
    }

    /** The argument values of one layer, converted on use with an error naming the layer. */
    private record Arguments(LayerSpec spec, Kind kind, Map<String, String> values) {

        int integer(String name, int fallback) {
            String value = values.get(name);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw invalid(name, value, "an integer");
            }
        }

        double decimal(String name) {
            String value = values.get(name);
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw invalid(name, value, "a number");
            }
        }

        String word(String name) {
            String value = values.get(name);
            List<String> choices = kind.arguments().stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow().choices();
            if (!choices.contains(value)) {
                throw invalid(name, value, "one of " + String.join(", ", choices));
            }
            return value;
        }

        private TrainyardException invalid(String name, String value, String expected) {
            return new TrainyardException(spec.where() + ": " + spec.name() + " argument " + name + " must be "
                    + expected + ", got '" + value + "'; usage: " + kind.usage());
        }
    }
}
