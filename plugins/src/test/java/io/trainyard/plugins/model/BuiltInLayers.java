package io.trainyard.plugins.model;

import io.trainyard.api.model.LayerFactory;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The layer plugins this module registers, found as the engine finds them, for building models in tests. */
final class BuiltInLayers {

    private BuiltInLayers() {
    }

    static Map<String, LayerFactory> byName() {
        return ServiceLoader.load(LayerFactory.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(LayerFactory::name, Function.identity()));
    }
}
