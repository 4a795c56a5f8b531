package io.trainyard.api.callback;

import io.trainyard.api.Plugin;
import io.trainyard.api.PluginConfig;

/**
 * A plugin that builds a {@link Callback}; register it in
 * {@code META-INF/services/io.trainyard.api.callback.CallbackFactory}.
 */
public interface CallbackFactory extends Plugin {

    Callback create(PluginConfig config);

    /**
     * Whether every run uses this callback with its default settings unless the experiment lists it (to configure
     * it) or disables it. Console progress is the example: users expect output without asking for it.
     */
    default boolean enabledByDefault() {
        return false;
    }
}
