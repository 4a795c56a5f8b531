package io.trainyard.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reference values PyTorch computed once, read from {@code src/test/resources/pytorch} (the scripts that wrote them
 * are in {@code src/test/pytorch}), and the comparisons the parity tests make with them.
 */
public final class PyTorchFixtures {

    private PyTorchFixtures() {
    }

    /** One test argument per case and precision: a display name, the case, and its record for that precision. */
    public static List<Arguments> cases(String file) {
        JsonObject fixtures;
        // Lenient, as JsonParser reads by default: Python writes NaN, which strict JSON lacks.
        try (Reader in = new InputStreamReader(PyTorchFixtures.class.getResourceAsStream("/pytorch/" + file),
                StandardCharsets.UTF_8)) {
            fixtures = JsonParser.parseReader(in).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Arguments> cases = new ArrayList<>();
        for (JsonElement element : fixtures.getAsJsonArray("cases")) {
            JsonObject fixture = element.getAsJsonObject();
            for (JsonElement record : fixture.getAsJsonArray("records")) {
                cases.add(Arguments.of(fixture.get("name").getAsString() + " ("
                        + record.getAsJsonObject().get("dtype").getAsString() + ")", fixture, record));
            }
        }
        return cases;
    }

    /** The built-in plugin of a kind that a case names, found as the engine finds it. */
    public static <T extends Plugin> T plugin(Class<T> kind, JsonObject fixture, String key) {
        String name = fixture.get(key).getAsString();
        return ServiceLoader.load(kind).stream().map(ServiceLoader.Provider::get)
                .filter(plugin -> plugin.name().equals(name)).findFirst().orElseThrow();
    }

    /** The case's settings over the plugin's defaults. */
    public static PluginConfig config(Plugin plugin, JsonObject fixture) {
        return PluginConfig.withDefaults(plugin, arguments(fixture.getAsJsonObject("args")));
    }

    public static DataType dataType(JsonObject record) {
        return record.get("dtype").getAsString().equals("float64") ? DataType.DOUBLE : DataType.FLOAT;
    }

    /** Relative tolerance: rounding in float64, float32's precision after a few dozen operations. */
    public static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-10 : 2e-5;
    }

    /** A plugin's settings: booleans, whole numbers as longs, other numbers as doubles, lists of numbers, text. */
    private static Map<String, Object> arguments(JsonObject args) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : args.entrySet()) {
            arguments.put(entry.getKey(), value(entry.getValue()));
        }
        return arguments;
    }

    private static Object value(JsonElement element) {
        if (element.isJsonArray()) {
            List<Object> values = new ArrayList<>();
            element.getAsJsonArray().forEach(item -> values.add(value(item)));
            return values;
        }
        var value = element.getAsJsonPrimitive();
        if (value.isBoolean()) {
            return value.getAsBoolean();
        }
        if (!value.isNumber()) {
            return value.getAsString();
        }
        return value.getAsString().matches("-?\\d+") ? (Object) value.getAsLong() : value.getAsDouble();
    }

    public static INDArray array(JsonArray values, DataType type, long... shape) {
        double[] data = new double[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i).getAsDouble();
        }
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(type);
    }

    public static long[] longs(JsonArray values) {
        long[] longs = new long[values.size()];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = values.get(i).getAsLong();
        }
        return longs;
    }

    public static void assertClose(String what, double expected, double actual, double tolerance) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": PyTorch gives NaN, got " + actual);
            return;
        }
        assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), what);
    }

    public static void assertClose(String what, JsonArray expected, INDArray actual, double tolerance) {
        double[] values = actual.dup().data().asDouble();
        assertEquals(expected.size(), values.length, what + ": size");
        for (int i = 0; i < values.length; i++) {
            assertClose(what + "[" + i + "]", expected.get(i).getAsDouble(), values[i], tolerance);
        }
    }
}
