package io.trainyard.engine.cli;

import io.trainyard.engine.sweep.TrialExecution;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The process {@code trainyard sweep} starts for each trial; not for users, hence hidden. */
@Command(name = "sweep-trial", hidden = true, description = "Run one trial of a recorded sweep.")
final class SweepTrialCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<TrialExecution> trialExecution;

    @Parameters(index = "0", paramLabel = "SWEEP_ID")
    private String sweepId;

    @Parameters(index = "1", paramLabel = "TRIAL")
    private int trial;

    @Option(names = "--threads", paramLabel = "N", required = true)
    private int threads;

    @Inject
    SweepTrialCommand(Provider<TrialExecution> trialExecution) {
        this.trialExecution = trialExecution;
    }

    @Override
    public Integer call() {
        // A trial outliving its sweep (killed with -9) would train on unseen; it stops as if interrupted instead.
        // The sweep holds this process's stdin open, so end of input means it is gone. (ProcessHandle.onExit on a
        // process that is not a child polls its start time in /proc: a guess where the pipe is a certainty.)
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the sweep writes nothing
                }
            } catch (IOException e) {
                // the pipe broke: the sweep is gone as well
            }
            System.exit(ExitCodes.INTERRUPTED);
        }, "trainyard-sweep-watch");
        watch.setDaemon(true);
        watch.start();
        return ExitCodes.of(trialExecution.get().run(sweepId, trial, threads), root.err());
    }
}
