package io.trainyard.engine.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line for one invocation: the root and the subcommand its arguments name, or every subcommand when they
 * name none (help, a mistyped name, which then gets picocli's suggestions). Adding a subcommand makes picocli read
 * its annotations and Guice build it with every dependency: 0.12 s for all of them, on every start, for one to run.
 */
final class CommandTree {

    private CommandTree() {
    }

    static CommandLine of(TrainyardCommand root, String[] args) {
        CommandLine commandLine = new CommandLine(root, root.factory());
        String named = subcommandName(commandLine, args);
        root.subcommand(named);
        // Shell completion describes every command, so it needs them all.
        boolean all = named == null || named.equals(name(AutoComplete.GenerateCompletion.class));
        for (Class<?> type : TrainyardCommand.SUBCOMMANDS) {
            if (all || name(type).equals(named)) {
                commandLine.addSubcommand(type);
            }
        }
        // A subcommand's --version prints what the root's does (picocli does not inherit the provider).
        commandLine.getSubcommands().values().forEach(subcommand -> subcommand.getCommandSpec()
                .versionProvider(new TrainyardCommand.Version()));
        return commandLine;
    }

    /** The first argument that is not a root option or its value, when it names a subcommand; else null. */
    static String subcommandName(CommandLine root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-")) {
                OptionSpec option = root.getCommandSpec().findOption(arg);
                if (option != null && option.arity().max() > 0) {
                    i++; // its value follows (a value given as --store=DIR is part of the argument)
                }
                continue;
            }
            return names().contains(arg) ? arg : null;
        }
        return null;
    }

    private static String name(Class<?> type) {
        return type.getAnnotation(Command.class).name();
    }

    /** Every subcommand's name. */
    static List<String> names() {
        return TrainyardCommand.SUBCOMMANDS.stream().map(CommandTree::name).toList();
    }
}
