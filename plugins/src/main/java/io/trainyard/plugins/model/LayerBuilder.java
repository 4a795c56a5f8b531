package io.trainyard.plugins.model;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.model.Layer;
import io.trainyard.api.model.LayerContext;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.ModelContext;
import io.trainyard.plugins.layer.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the layers of a layer list through the layer plugins: arguments written as text are matched to the
 * plugin's hyperparameters (positionally in declaration order, then by name), converted to their types and checked
 * against their ranges. Every mistake is reported against the layer's place in the file.
 */
final class LayerBuilder {

    private LayerBuilder() {
    }

    /** The layer for {@code spec} receiving inputs of {@code inputShape}, with the shape it outputs. */
    static BuiltLayer build(LayerSpec spec, long[] inputShape, ModelContext context) {
        LayerFactory factory = context.layers().get(spec.name());
        if (factory == null) {
            throw new TrainyardException(spec.where() + ": unknown layer '" + spec.name() + "'; available: "
                    + String.join(", ", new TreeSet<>(context.layers().keySet())) + " (see 'trainyard plugins')");
        }
        PluginConfig config = new PluginConfig(factory.name(), values(spec, factory));
        try {
            factory.validate(config);
            Layer layer = factory.create(config, new LayerContext(inputShape, context.outputs(), context.random()));
            return new BuiltLayer(layer, layer.outputShape(inputShape));
        } catch (TrainyardException | IllegalArgumentException e) {
            throw new TrainyardException(spec.where() + ": " + e.getMessage());
        }
    }

    record BuiltLayer(Layer layer, long[] outputShape) {
    }

    private static Map<String, Object> values(LayerSpec spec, LayerFactory factory) {
        List<HyperParameter> declared = factory.hyperParameters();
        if (spec.positional().size() > declared.size()) {
            throw new TrainyardException(spec.where() + ": too many arguments; usage: " + usage(factory));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < spec.positional().size(); i++) {
            texts.put(declared.get(i).name(), spec.positional().get(i));
        }
        spec.named().forEach((name, text) -> {
            if (declared.stream().noneMatch(parameter -> parameter.name().equals(name))) {
                throw new TrainyardException(spec.where() + ": " + spec.name() + " has no argument '" + name
                        + "'; usage: " + usage(factory));
            }
            if (texts.put(name, text) != null) {
                throw new TrainyardException(spec.where() + ": argument '" + name + "' given twice");
            }
        });
        Map<String, Object> values = new LinkedHashMap<>();
        for (HyperParameter parameter : declared) {
            String text = texts.get(parameter.name());
            values.put(parameter.name(), text == null ? parameter.defaultValue() : convert(spec, factory, parameter,
                    text));
        }
        return values;
    }

    private static Object convert(LayerSpec spec, LayerFactory factory, HyperParameter parameter, String text) {
        HyperParameter.Type type = parameter.type();
        try {
            return switch (type) {
                case INTEGER, DECIMAL, BOOLEAN, STRING -> scalar(spec, parameter, type, text);
                case INTEGER_LIST, DECIMAL_LIST, STRING_LIST -> {
                    HyperParameter.Type item = switch (type) {
                        case INTEGER_LIST -> HyperParameter.Type.INTEGER;
                        case DECIMAL_LIST -> HyperParameter.Type.DECIMAL;
                        default -> HyperParameter.Type.STRING;
                    };
                    List<Object> values = new ArrayList<>();
                    for (String part : Tuple.parts(text)) {
                        values.add(scalar(spec, parameter, item, part));
                    }
                    yield List.copyOf(values);
                }
            };
        } catch (NumberFormatException e) {
            throw new TrainyardException(spec.where() + ": " + spec.name() + " argument " + parameter.name()
                    + " must be " + expected(type) + ", got '" + text + "'; usage: " + usage(factory));
        }
    }

    private static String expected(HyperParameter.Type type) {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case INTEGER_LIST -> "an integer, or several in parentheses such as (3 5)";
            case DECIMAL_LIST -> "a decimal, or several in parentheses such as (0.5 2)";
            default -> "a " + type.label();
        };
    }

    private static Object scalar(LayerSpec spec, HyperParameter parameter, HyperParameter.Type type, String text) {
        Object value = switch (type) {
            case INTEGER -> Long.parseLong(text);
            case DECIMAL -> Double.parseDouble(text);
            case BOOLEAN -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new NumberFormatException();
            };
            default -> text;
        };
        if (value instanceof Number number && !parameter.range().contains(number.doubleValue())) {
            throw new TrainyardException(spec.where() + ": " + spec.name() + " argument " + parameter.name()
                    + " must be in " + parameter.range() + ", got " + text);
        }
        return value;
    }

    /** E.g. {@code conv2d(out_channels=16 kernel_size=3 stride=1 padding=0)}. */
    private static String usage(LayerFactory factory) {
        if (factory.hyperParameters().isEmpty()) {
            return factory.name();
        }
        return factory.hyperParameters().stream()
                .map(parameter -> parameter.name() + (parameter.defaultValue() == null ? "" : "="
                        + written(parameter.defaultValue())))
                .collect(Collectors.joining(" ", factory.name() + "(", ")"));
    }

    private static String written(Object value) {
        return value instanceof List<?> list ? Tuple.written(list) : String.valueOf(value);
    }
}
