package io.trainyard.api.data;

import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;

/**
 * A plugin that loads a {@link Dataset}; register it in {@code META-INF/services/io.trainyard.api.data.DatasetFactory}.
 * Missing or corrupt data must end in a {@link io.trainyard.api.TrainyardException} naming the file and the fix.
 */
public interface DatasetFactory extends Plugin {

    Dataset load(PluginConfig config, DatasetContext context);
}
