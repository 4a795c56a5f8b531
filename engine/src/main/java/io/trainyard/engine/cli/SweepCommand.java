package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.sweep.SweepRunner;
import io.trainyard.engine.tracking.SweepRecord;
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

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run the trials of an experiment's sweep block, each a run of its own, recorded under one"
            + " sweep.", "Run the same command again to continue an interrupted sweep: ended trials are kept,"
            + " interrupted ones resume from their last checkpoint."},
        footer = {"", "Examples:", "  trainyard sweep experiments/fashion-mnist-sweep.yaml --parallel 2",
            "  trainyard sweep experiments/fashion-mnist-sweep.yaml --enqueue --store postgresql://ana@db/trainyard",
            "  trainyard compare --sweep SWEEP_ID"})
final class SweepCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<SweepRunner> sweepRunner;

    @Parameters(paramLabel = "FILE", description = "Experiment file (YAML) with a 'sweep' block")
    private Path file;

    @Option(names = "--parallel", paramLabel = "N", description = "Trials running at once (default: 1)")
    private int parallel = 1;

    @Option(names = "--threads", paramLabel = "N", description = "Threads per trial (default: the cores"
            + " divided by --parallel)")
    private int threads;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a value of the experiment file for"
            + " every trial, e.g. epochs=2 (repeatable)")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--new", description = "Start a new sweep even if this command's sweep exists")
    private boolean fresh;

    @Option(names = "--enqueue", description = "Record the sweep and its planned trials without running them:"
            + " 'trainyard worker' processes on any number of machines run them")
    private boolean enqueue;

    @Inject
    SweepCommand(Provider<SweepRunner> sweepRunner) {
        this.sweepRunner = sweepRunner;
    }

    @Override
    public Integer call() {
        if (parallel < 1 || threads < 0) {
            throw new TrainyardException("--parallel must be 1 or more and --threads 0 (automatic) or more, got "
                    + parallel + " and " + threads);
        }
        SweepRecord sweep = sweepRunner.get().sweep(file, overrides, parallel, threads, fresh, enqueue);
        if (sweep.status().equals("FAILED")) {
            root.err().printf("error: sweep %s FAILED: %s%n", sweep.id(), sweep.errorMessage());
            return ExitCodes.RUN_FAILED;
        }
        return ExitCodes.OK;
    }
}
