package io.trainyard.engine.plugin;

import io.trainyard.api.Plugin;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.data.DatasetFactory;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.api.model.LayerFactory;
import io.trainyard.api.model.ModelFactory;
import io.trainyard.api.optim.OptimizerFactory;
import java.util.Locale;

/** The six kinds of plugin, each discovered through its own service interface. */
public enum PluginKind {
    DATASET(DatasetFactory.class),
    MODEL(ModelFactory.class),
    LAYER(LayerFactory.class),
    LOSS(LossFactory.class),
    OPTIMIZER(OptimizerFactory.class),
    CALLBACK(CallbackFactory.class);

    private final Class<? extends Plugin> serviceType;

    PluginKind(Class<? extends Plugin> serviceType) {
        this.serviceType = serviceType;
    }

    public Class<? extends Plugin> serviceType() {
        return serviceType;
    }

    /** The kind's name as the experiment file and the CLI spell it, e.g. {@code optimizer}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
