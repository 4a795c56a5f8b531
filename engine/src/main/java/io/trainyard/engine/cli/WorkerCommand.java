package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.sweep.Worker;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Take trials of queued sweeps ('trainyard sweep FILE --enqueue') from the store and train them,"
            + " one at a time, until none is left.", "Start any number of workers on any number of machines that"
            + " reach the store; a worker that dies gives its trial back, and another resumes it from its last"
            + " checkpoint."},
        footer = {"", "Examples:", "  trainyard worker --store postgresql://ana@db/trainyard",
            "  trainyard worker --sweep SWEEP_ID --threads 4 --max-trials 10"})
final class WorkerCommand implements Callable<Integer> {

    private final Provider<Worker> worker;

    @Option(names = "--sweep", paramLabel = "ID", description = "Work on this sweep only (an id or a unique prefix);"
            + " default: every queued sweep, oldest first")
    private String sweep;

    @Option(names = "--threads", paramLabel = "N", description = "Threads per trial (default: every core)")
    private int threads;

    @Option(names = "--max-trials", paramLabel = "N", description = "Stop after this many trials (default: no limit)")
    private int maxTrials;

    @Inject
    WorkerCommand(Provider<Worker> worker) {
        this.worker = worker;
    }

    @Override
    public Integer call() {
        if (threads < 0 || maxTrials < 0) {
            throw new TrainyardException("--threads and --max-trials must be 0 (the default) or more, got " + threads
                    + " and " + maxTrials);
        }
        int budget = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        worker.get().work(sweep, budget, maxTrials);
        return ExitCodes.OK;
    }
}
