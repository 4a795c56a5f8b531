package io.trainyard.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trainyard store ...}: what is done to a store as a whole. */
@Command(name = "store", mixinStandardHelpOptions = true, subcommands = StoreCopyCommand.class,
        description = "Work on a whole store: 'trainyard store copy --from SRC --to DST'.")
final class StoreCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    @Spec
    private CommandSpec spec;

    TrainyardCommand root() {
        return root;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.BAD_INPUT;
    }
}
