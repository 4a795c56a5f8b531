package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.bench.Benchmark;
import io.trainyard.engine.bench.WholeRunBenchmark;
import io.trainyard.engine.report.OutputFormat;
import io.trainyard.engine.timing.Timeline;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time experiments' training loops (nothing is recorded): seconds per epoch, samples/s and"
                + " GFLOP/s; by default the reference MLP's and the CNN example's, two epochs each.",
            "With --whole-run, run and record one experiment as 'trainyard run' does and show where its wall time"
                + " goes, from the process's start to the store's close."},
        footer = {"", "Examples:", "  trainyard bench --set threads=2",
            "  trainyard bench experiments/fashion-mnist-cnn.yaml --set epochs=3",
            "  trainyard bench --whole-run --store /tmp/bench-store"})
final class BenchCommand implements Callable<Integer> {

    private static final List<Path> LOOP_DEFAULTS = List.of(Path.of("experiments/fashion-mnist-sgd.yaml"),
            Path.of("experiments/fashion-mnist-cnn.yaml"));
    private static final Path WHOLE_RUN_DEFAULT = LOOP_DEFAULTS.get(0);

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<Benchmark> benchmark;
    private final Provider<WholeRunBenchmark> wholeRun;
    private final Timeline timeline;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Experiment files (default: experiments/fashion-mnist-sgd.yaml and"
                    + " experiments/fashion-mnist-cnn.yaml; with --whole-run the first alone)")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a value of the experiment file")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the dataset's files")
    private Path data;

    @Option(names = "--whole-run", description = "Record a run (in the store, as 'run' does; its own epochs unless"
            + " --set epochs=N) and show its wall time by phase")
    private boolean whole;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "The --whole-run table: table (default), csv, json or markdown")
    private OutputFormat format = OutputFormat.TABLE;

    @Inject
    BenchCommand(Provider<Benchmark> benchmark, Provider<WholeRunBenchmark> wholeRun, Timeline timeline) {
        this.benchmark = benchmark;
        this.wholeRun = wholeRun;
        this.timeline = timeline;
    }

    @Override
    public Integer call() {
        List<String> assignments = new ArrayList<>(whole ? List.of() : List.of("epochs=2"));
        assignments.addAll(overrides);
        if (data != null) {
            assignments.add("dataset.path=" + data);
        }
        if (whole) {
            if (files.size() > 1) {
                throw new TrainyardException("--whole-run times one experiment (start-up happens once per process);"
                        + " give one file");
            }
            timeline.start();
            return ExitCodes.of(wholeRun.get().run(files.isEmpty() ? WHOLE_RUN_DEFAULT : files.get(0), assignments,
                    format), root.err());
        }
        for (Path file : files.isEmpty() ? LOOP_DEFAULTS : files) {
            benchmark.get().run(file, assignments);
        }
        return ExitCodes.OK;
    }
}
