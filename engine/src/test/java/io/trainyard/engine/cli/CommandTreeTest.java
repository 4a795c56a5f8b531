package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line holds the subcommand its arguments name, or all of them when they name none. */
class CommandTreeTest {

    private static String named(String... args) {
        return CommandTree.subcommandName(args);
    }

    @Test
    void theSubcommandIsTheFirstArgumentThatIsNoRootOptionOrItsValue() {
        assertEquals("runs", named("runs", "--limit", "3"));
        assertEquals("show", named("--store", "show", "show", "abc"));
        assertEquals("compare", named("--store=dir", "--plugins", "p", "compare"));
        assertEquals("run", named("-h", "run"));
    }

    @Test
    void theRootOptionsThatTakeAValueAreThoseWhosePicocliArityAsksForOne() {
        TrainyardCommand root = new TrainyardCommand(System.out, System.err, Map.of());
        Set<String> valued = new HashSet<>();
        new CommandLine(root, root.factory()).getCommandSpec().options().stream()
                .filter(option -> option.arity().max() > 0).forEach(option -> valued.addAll(List.of(option.names())));
        assertEquals(Set.of("--store", "--plugins"), valued);
        assertEquals(valued, CommandTree.optionsWithValues());
    }

    @Test
    void noSubcommandIsNamedByHelpOrAMistypedName() {
        assertNull(named());
        assertNull(named("--help"));
        assertNull(named("rnus", "runs"));
        assertNull(named("--store", "runs"));
    }

    @Test
    void anInvocationHoldsTheNamedSubcommandAloneAndHelpListsThemAll(@TempDir Path directory) {
        TrainyardCommand root = new TrainyardCommand(System.out, System.err, Map.of());
        assertEquals(List.of("runs"), List.copyOf(CommandTree.of(root, new String[] {"runs"}).getSubcommands()
                .keySet()));
        String help = new Cli(directory.resolve("store"), directory.resolve("cache")).run("--help").out();
        CommandTree.names().stream().filter(name -> !name.equals("sweep-trial"))
                .forEach(name -> assertTrue(help.contains("\n  " + name + " "), name + " in\n" + help));
    }

    @Test
    void nd4jStartsAsSoonAsTheArgumentsNameACommandThatComputesAndOnlyThen() {
        for (String command : CommandTree.names()) {
            TrainyardCommand root = new TrainyardCommand(System.out, System.err, Map.of());
            CommandTree.of(root, new String[] {command, "--help"});
            assertEquals(TrainyardCommand.COMPUTING.contains(command), root.nativeStart().begun(), command);
        }
        assertTrue(TrainyardCommand.COMPUTING.containsAll(List.of("run", "rerun", "resume", "sweep", "bench")));
        assertFalse(TrainyardCommand.COMPUTING.contains("worker"), "a worker trains in processes of its own");
    }

    @Test
    void shellCompletionCoversEveryCommand(@TempDir Path directory) {
        Cli.Result result = new Cli(directory.resolve("store"), directory.resolve("cache")).run("generate-completion");
        assertEquals(0, result.exitCode(), result.err());
        for (String name : List.of("run", "runs", "show", "compare", "sweep", "bench")) {
            assertTrue(result.out().contains("function _picocli_trainyard_" + name + "()"), name);
        }
        assertTrue(result.out().contains("complete -F _complete_trainyard"), "registers the completion function");
    }

    @Test
    void everyCommandPrintsThePomsVersion(@TempDir Path directory) {
        Cli cli = new Cli(directory.resolve("store"), directory.resolve("cache"));
        String expected = "Trainyard " + System.getProperty("trainyard.expected-version");
        assertTrue(expected.matches("Trainyard \\d+\\.\\d+\\.\\d+.*"), expected);
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"runs", "--version"},
                new String[] {"run", "--version"})) {
            Cli.Result result = cli.run(args);
            assertEquals(0, result.exitCode(), result.err());
            assertEquals(expected, result.out().strip(), String.join(" ", args));
        }
    }

    @Test
    void theLaunchersTrainingCommandsAreCommands() throws Exception {
        String launcher = Files.readString(Path.of("..", "distribution", "src", "bin", "trainyard"));
        Matcher list = Pattern.compile("\\n\\s+([a-z|-]+)\\) jit=\"\\$training_jit\"").matcher(launcher);
        assertTrue(list.find(), "the launcher names the commands that train");
        List<String> training = Arrays.asList(list.group(1).split("\\|"));
        assertTrue(CommandTree.names().containsAll(training), training.toString());
        assertEquals(TrainyardCommand.TRAINING, Set.copyOf(training), "the launcher's list is the engine's");
        assertTrue(training.containsAll(List.of("run", "rerun", "resume", "sweep-trial", "bench")), training.toString());
    }
}
