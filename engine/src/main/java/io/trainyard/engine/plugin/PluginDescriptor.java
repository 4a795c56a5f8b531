package io.trainyard.engine.plugin;

import io.trainyard.api.Plugin;

/**
 * A discovered plugin and where it came from.
 *
 * @param kind what the plugin builds
 * @param plugin the factory instance
 * @param origin the jar or directory its class was loaded from
 */
public record PluginDescriptor(PluginKind kind, Plugin plugin, String origin) {

    public String name() {
        return plugin.name();
    }

    public String className() {
        return plugin.getClass().getName();
    }
}
