package io.trainyard.engine.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.trainyard.engine.EngineModule;
import io.trainyard.engine.EngineOptions;
import io.trainyard.engine.OpenResources;
import io.trainyard.engine.provenance.TrainyardVersion;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.training.NativeStart;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command. It holds the options every command shares and builds the engine's injector: the composition
 * root, through which picocli creates every command.
 */
@Command(name = "trainyard", mixinStandardHelpOptions = true, versionProvider = TrainyardCommand.Version.class,
        description = "Train, record and compare reproducible experiments.")
public final class TrainyardCommand implements AutoCloseable {

    /** The commands that compute with ND4J: its start begins as soon as the command line names one of them. */
    static final Set<String> COMPUTING = Set.of("run", "rerun", "resume", "evaluate", "sweep", "sweep-trial",
            "bench");

    /**
     * The commands that compute, the store's benchmark and the worker (which trains each trial in a process of its
     * own, and so never starts ND4J itself: its trials' launches would load a JDK library during that start, see
     * {@link NativeStart}): they keep the optimising JIT compiler (the launcher's own list, which CommandTreeTest
     * checks against this one) and compact the store's file on close once it is mostly dead space.
     */
    static final Set<String> TRAINING = Stream.concat(COMPUTING.stream(), Stream.of("bench-store", "worker"))
            .collect(Collectors.toUnmodifiableSet());

    /** Every subcommand, in the order help lists them ({@link CommandTree} adds them). */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, RerunCommand.class, ResumeCommand.class,
            EvaluateCommand.class, SweepCommand.class, SweepTrialCommand.class, WorkerCommand.class, RunsCommand.class,
            SweepsCommand.class, ShowCommand.class, CompareCommand.class, UiCommand.class, ExportCommand.class,
            TagCommand.class, NoteCommand.class, ArtifactsCommand.class, StoreCommand.class, PluginsCommand.class,
            BenchCommand.class, StoreBenchCommand.class, AutoComplete.GenerateCompletion.class);

    /** Guice's switch, read once per JVM, the first time an injector is created. */
    private static final String GUICE_BYTECODE_GENERATION = "guice_bytecode_gen_option";

    @Option(names = "--store", paramLabel = "DIR|URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Store directory, a PostgreSQL server such as postgresql://USER@HOST:5432/DB (password from"
                    + " PGPASSWORD or ~/.pgpass), or an H2 server such as jdbc:h2:tcp://host/path (default:"
                    + " $TRAINYARD_STORE, else ./trainyard-runs)")
    String store;

    @Option(names = "--plugins", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Directory of plugin jars, each loaded with its own class loader; repeatable"
                    + " (default: $TRAINYARD_PLUGINS, directories separated by ':')")
    List<Path> pluginDirectories;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final OpenResources resources = new OpenResources();
    /**
     * Made before the injector, whose making (0.1-0.15 s) a command that computes spends with ND4J already starting;
     * the injector hands out this one.
     */
    private final NativeStart nativeStart = new NativeStart();
    /** Built when picocli first creates a command through it, before parsing; it reads the options lazily. */
    private Injector injector;
    private EngineOptions options;
    /** The subcommand the arguments name, or null ({@link CommandTree} says). */
    private String subcommand;

    TrainyardCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Map<String, String> environment() {
        return environment;
    }

    void subcommand(String name) {
        this.subcommand = name;
        if (name != null && COMPUTING.contains(name)) {
            nativeStart.begin();
        }
    }

    NativeStart nativeStart() {
        return nativeStart;
    }

    private synchronized Injector injector() {
        if (injector == null) {
            // Guice's generated fast classes cost every start 0.06-0.07 s (one class generated, defined and verified
            // per injected type) for calls made once each; reflection serves a command as well.
            if (System.getProperty(GUICE_BYTECODE_GENERATION) == null) {
                System.setProperty(GUICE_BYTECODE_GENERATION, "DISABLED");
            }
            injector = Guice.createInjector(new EngineModule(this::options, resources, nativeStart));
        }
        return injector;
    }

    /** Creates picocli's commands through Guice, so that they get their services by constructor injection. */
    CommandLine.IFactory factory() {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type.isAnnotationPresent(Command.class) ? injector().getInstance(type)
                        : CommandLine.defaultFactory().create(type);
            }
        };
    }

    /** The options, read from the parsed command line the first time a command asks for a service. */
    private synchronized EngineOptions options() {
        if (options == null) {
            options = new EngineOptions(StoreLocation.resolve(store, environment),
                    EngineOptions.defaultCacheDirectory(environment), out,
                    EngineOptions.pluginDirectories(pluginDirectories, environment),
                    Heartbeat.fromEnvironment(environment), environment,
                    subcommand != null && TRAINING.contains(subcommand));
        }
        return options;
    }

    /** What {@code --version} prints, for the root and every subcommand ({@link CommandTree}). */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {"Trainyard " + TrainyardVersion.current()};
        }
    }

    /** Closes what the command opened, such as the store. */
    @Override
    public void close() {
        resources.close();
    }
}
