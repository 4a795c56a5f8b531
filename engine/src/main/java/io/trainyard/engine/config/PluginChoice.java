package io.trainyard.engine.config;

import io.trainyard.api.PluginConfig;
import io.trainyard.engine.plugin.PluginKind;

/**
 * One plugin an experiment uses, with its validated settings.
 *
 * @param kind what it builds
 * @param config the plugin's name and every setting, defaults filled in
 */
public record PluginChoice(PluginKind kind, PluginConfig config) {

    public String name() {
        return config.pluginName();
    }
}
