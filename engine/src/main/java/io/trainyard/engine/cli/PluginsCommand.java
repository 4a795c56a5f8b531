package io.trainyard.engine.cli;

import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.report.PluginCatalog;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every discovered plugin (kind, name, version, origin, hyperparameters with type, default"
                + " and range), or show one in detail.",
        footer = {"", "Examples:", "  trainyard plugins", "  trainyard plugins adam",
            "  trainyard plugins --plugins ./my-plugins"})
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<PluginRegistry> pluginRegistry;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Show only the plugin(s) with this name")
    private String name;

    @Inject
    PluginsCommand(Provider<PluginRegistry> pluginRegistry) {
        this.pluginRegistry = pluginRegistry;
    }

    @Override
    public Integer call() {
        PluginRegistry registry = pluginRegistry.get();
        if (name == null) {
            PluginCatalog.print(registry, root.out());
        } else {
            PluginCatalog.printOne(registry, name, root.out());
        }
        return ExitCodes.OK;
    }
}
