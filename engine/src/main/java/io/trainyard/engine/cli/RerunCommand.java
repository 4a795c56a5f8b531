package io.trainyard.engine.cli;

import io.trainyard.engine.run.Reproduction;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Run a recorded run again from its record alone (experiment text, overrides, seed) as a new"
            + " run linked to it, and report per epoch whether every metric is bit-identical.",
            "Exit code 0 when it reproduces, 4 when a metric differs (the recorded facts that changed are listed)."})
final class RerunCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<Reproduction> reproduction;

    @Parameters(paramLabel = "RUN_ID", description = "The run to reproduce (id or unique prefix)")
    private String runId;

    @Inject
    RerunCommand(Provider<Reproduction> reproduction) {
        this.reproduction = reproduction;
    }

    @Override
    public Integer call() {
        Reproduction.Outcome outcome = reproduction.get().rerun(runId);
        PrintStream out = root.out();
        out.printf("%nRerun of %s as %s (%s)%n", outcome.original().summary().id(), outcome.rerun().runId(),
                outcome.rerun().status());
        out.printf("%5s  %s%n", "EPOCH", "METRICS");
        for (Map.Entry<Integer, List<String>> epoch : outcome.differences().entrySet()) {
            out.printf("%5d  %s%n", epoch.getKey(), epoch.getValue().isEmpty() ? "bit-identical"
                    : "differ: " + String.join("; ", epoch.getValue()));
        }
        if (outcome.identical()) {
            out.printf("Reproduced bit for bit: every metric of %d epoch(s) is identical.%n",
                    outcome.differences().size());
            return ExitCodes.OK;
        }
        long differing = outcome.differences().values().stream().filter(list -> !list.isEmpty()).count();
        out.printf("NOT reproduced: %d of %d epoch(s) differ.%n", differing, outcome.differences().size());
        if (outcome.provenance().isEmpty()) {
            out.println("No recorded fact changed: the difference comes from something the record does not capture.");
        } else {
            out.println("Recorded facts that changed (original -> rerun):");
            outcome.provenance().forEach(fact -> out.println("  " + fact));
        }
        return ExitCodes.NOT_REPRODUCED;
    }
}
