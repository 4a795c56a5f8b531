package io.trainyard.engine.cli;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line for one invocation: the root and the subcommand its arguments name, or every subcommand when they
 * name none (help, a mistyped name, which then gets picocli's suggestions). Adding a subcommand makes picocli read
 * its annotations and Guice build it with every dependency: 0.12 s for all of them, on every start, for one to run.
 */
final class CommandTree {

    private CommandTree() {
    }

    static CommandLine of(TrainyardCommand root, String[] args) {
        // Named first: a command that computes begins ND4J's start here, while picocli reads the annotations (0.08 s).
        String named = subcommandName(args);
        root.subcommand(named);
        CommandLine commandLine = new CommandLine(root, root.factory());
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
    static String subcommandName(String[] args) {
        Set<String> valued = optionsWithValues();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-")) {
                if (valued.contains(arg)) {
                    i++; // its value follows (a value given as --store=DIR is part of the argument)
                }
                continue;
            }
            return names().contains(arg) ? arg : null;
        }
        return null;
    }

    /** The root's options that take a value, read from its fields' annotations as picocli reads them. */
    static Set<String> optionsWithValues() {
        Set<String> names = new HashSet<>();
        for (Field field : TrainyardCommand.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null && field.getType() != boolean.class && field.getType() != Boolean.class) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    private static String name(Class<?> type) {
        return type.getAnnotation(Command.class).name();
    }

    /** Every subcommand's name. */
    static List<String> names() {
        return TrainyardCommand.SUBCOMMANDS.stream().map(CommandTree::name).toList();
    }
}
