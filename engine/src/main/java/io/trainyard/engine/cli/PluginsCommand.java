package io.trainyard.engine.cli;

import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.report.PluginCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every discovered plugin: kind, name, class, version, hyperparameters with defaults.")
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    @Override
    public Integer call() {
        PluginCatalog.print(root.get(PluginRegistry.class), root.out());
        return ExitCodes.OK;
    }
}
