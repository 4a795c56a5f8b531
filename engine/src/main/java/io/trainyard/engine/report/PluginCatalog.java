package io.trainyard.engine.report;

import io.trainyard.api.HyperParameter;
import io.trainyard.engine.plugin.LoadFailure;
import io.trainyard.engine.plugin.PluginDescriptor;
import io.trainyard.engine.plugin.PluginRegistry;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code trainyard plugins}: every discovered plugin (kind, name, version, origin, then each hyperparameter with
 * type, default and valid range), then what failed to load. {@code trainyard plugins NAME} shows one with its class
 * and full description.
 */
public final class PluginCatalog {

    private PluginCatalog() {
    }

    public static void print(PluginRegistry registry, PrintStream out) {
        out.printf("%-9s %-20s %-14s %s%n", "KIND", "NAME", "VERSION", "ORIGIN");
        for (PluginDescriptor plugin : registry.all()) {
            out.printf("%-9s %-20s %-14s %s%n", plugin.kind().label(), plugin.name(), plugin.plugin().version(),
                    plugin.origin());
            out.printf("    %s%n", plugin.plugin().description());
            parameters(plugin.plugin().hyperParameters(), out);
        }
        failures(registry.failures(), out);
    }

    public static void printOne(PluginRegistry registry, String name, PrintStream out) {
        for (PluginDescriptor plugin : registry.named(name)) {
            out.printf("%s %s%n", plugin.kind().label(), plugin.name());
            out.printf("  %s%n", plugin.plugin().description());
            out.printf("  version %s, class %s, from %s%n", plugin.plugin().version(), plugin.className(),
                    plugin.origin());
            List<HyperParameter> parameters = plugin.plugin().hyperParameters();
            out.println(parameters.isEmpty() ? "  no hyperparameters" : "  hyperparameters:");
            parameters(parameters, out);
            out.println();
        }
    }

    private static void parameters(List<HyperParameter> parameters, PrintStream out) {
        for (HyperParameter parameter : parameters) {
            boolean bounded = parameter.range().min() != null || parameter.range().max() != null;
            out.printf("    %-26s %-13s default %-16s %s%s%n", parameter.name(), parameter.type().label(),
                    parameter.defaultValue() == null ? "(none)" : parameter.defaultValue(), parameter.description(),
                    bounded ? ", in " + parameter.range() : "");
        }
    }

    private static void failures(List<LoadFailure> failures, PrintStream out) {
        for (LoadFailure failure : failures) {
            out.printf("could not load from %s: %s%n", failure.origin(), failure.reason());
        }
    }
}
