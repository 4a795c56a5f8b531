package io.trainyard.engine.report;

import io.trainyard.api.HyperParameter;
import io.trainyard.engine.plugin.LoadFailure;
import io.trainyard.engine.plugin.PluginDescriptor;
import io.trainyard.engine.plugin.PluginRegistry;
import java.io.PrintStream;

/** {@code trainyard plugins}: every discovered plugin with its hyperparameters, then the ones that failed to load. */
public final class PluginCatalog {

    private PluginCatalog() {
    }

    public static void print(PluginRegistry registry, PrintStream out) {
        for (PluginDescriptor plugin : registry.all()) {
            out.printf("%-9s %-18s %s%n", plugin.kind().label(), plugin.name(), plugin.plugin().description());
            out.printf("          class %s (version %s, from %s)%n", plugin.className(), plugin.plugin().version(),
                    plugin.origin());
            for (HyperParameter parameter : plugin.plugin().hyperParameters()) {
                out.printf("          %-16s %-12s default %-14s %s%s%n", parameter.name(), parameter.type().label(),
                        parameter.defaultValue() == null ? "(none)" : parameter.defaultValue(),
                        parameter.description(), parameter.range().min() == null && parameter.range().max() == null
                                ? "" : ", in " + parameter.range());
            }
            out.println();
        }
        for (LoadFailure failure : registry.failures()) {
            out.printf("could not load a %s plugin: %s%n", failure.kind().label(), failure.reason());
        }
    }
}
