package io.trainyard.engine.cli;

import io.trainyard.engine.run.ExperimentRunner;
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

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train an experiment and record the run.",
        footer = {"", "Examples:", "  trainyard run experiments/fashion-mnist-sgd.yaml",
            "  trainyard run experiments/fashion-mnist-sgd.yaml --set optimizer.lr=0.01 --set epochs=2"})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<ExperimentRunner> experimentRunner;

    @Parameters(paramLabel = "FILE", description = "Experiment file (YAML)")
    private Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a value of the experiment file, e.g. optimizer.lr=0.01 (repeatable)")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the dataset's files"
            + " (same as --set dataset.path=DIR)")
    private Path data;

    @Inject
    RunCommand(Provider<ExperimentRunner> experimentRunner) {
        this.experimentRunner = experimentRunner;
    }

    @Override
    public Integer call() {
        List<String> assignments = new ArrayList<>(overrides);
        if (data != null) {
            assignments.add("dataset.path=" + data);
        }
        return ExitCodes.of(experimentRunner.get().run(file, assignments), root.err());
    }
}
