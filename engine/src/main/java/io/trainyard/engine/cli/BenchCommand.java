package io.trainyard.engine.cli;

import io.trainyard.engine.bench.Benchmark;
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
        description = "Time an experiment's training loop (nothing is recorded): seconds per epoch, samples/s and"
                + " GFLOP/s.",
        footer = {"", "Example:", "  trainyard bench --set epochs=3 --set threads=2"})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<Benchmark> benchmark;

    @Parameters(paramLabel = "FILE", arity = "0..1", defaultValue = "experiments/fashion-mnist-sgd.yaml",
            description = "Experiment file (default: ${DEFAULT-VALUE})")
    private Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a value of the experiment file")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the dataset's files")
    private Path data;

    @Inject
    BenchCommand(Provider<Benchmark> benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public Integer call() {
        List<String> assignments = new ArrayList<>(List.of("epochs=2"));
        assignments.addAll(overrides);
        if (data != null) {
            assignments.add("dataset.path=" + data);
        }
        benchmark.get().run(file, assignments);
        return ExitCodes.OK;
    }
}
