package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.run.ModelEvaluation;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compute the test loss and accuracy of a run's saved model (its best or last checkpoint).")
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<ModelEvaluation> modelEvaluation;

    @Parameters(paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one")
    private String runId;

    @Option(names = "--checkpoint", paramLabel = "best|last", description = "Which saved model (default: best)")
    private String checkpoint = "best";

    @Inject
    EvaluateCommand(Provider<ModelEvaluation> modelEvaluation) {
        this.modelEvaluation = modelEvaluation;
    }

    @Override
    public Integer call() {
        if (!checkpoint.equals("best") && !checkpoint.equals("last")) {
            throw new TrainyardException("--checkpoint must be best or last, got '" + checkpoint + "'");
        }
        ModelEvaluation.Result result = modelEvaluation.get().evaluate(runId, checkpoint);
        root.out().printf(Locale.ROOT, "Run %s, %s checkpoint (epoch %d, %s %.6g when saved)%n",
                result.run().summary().id(), checkpoint, result.checkpoint().epoch(), result.checkpoint().monitor(),
                result.checkpoint().value());
        root.out().printf(Locale.ROOT, "Test accuracy %.2f%%, test loss %.6f on %d samples%n",
                100 * result.evaluation().accuracy(), result.evaluation().loss(), result.evaluation().samples());
        return ExitCodes.OK;
    }
}
