package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.bench.StoreBenchmark;
import io.trainyard.engine.tracking.StoreLocation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench-store", mixinStandardHelpOptions = true,
        description = {"Time the store on a scratch database (your store is not touched): ingesting per-step"
            + " metrics, then filtering, ordering and comparing many runs, then workers claiming queued trials.",
            "Filter: " + StoreBenchmark.FILTER})
final class StoreBenchCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    @Option(names = "--runs", paramLabel = "N", description = "Runs to query (default: ${DEFAULT-VALUE})")
    private int runs = 10_000;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per run (default: ${DEFAULT-VALUE})")
    private int epochs = 100;

    @Option(names = "--steps", paramLabel = "N", description = "Step metrics to ingest (default: ${DEFAULT-VALUE})")
    private int steps = 1_000_000;

    @Option(names = "--trials", paramLabel = "N", description = "Queued trials for workers to claim (default:"
            + " ${DEFAULT-VALUE})")
    private int trials = 1_000;

    @Option(names = "--workers", paramLabel = "N", description = "Workers claiming at once (default: ${DEFAULT-VALUE})")
    private int workers = 8;

    @Option(names = "--database", paramLabel = "URL", description = "An empty scratch database to time, such as"
            + " postgresql://USER@HOST/scratch (emptied again afterwards); default: a temporary H2 store")
    private String database;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || epochs < 1 || steps < 1 || trials < 1 || workers < 1) {
            throw new TrainyardException("--runs, --epochs, --steps, --trials and --workers must be 1 or more");
        }
        new StoreBenchmark(root.out()).run(database == null ? null : StoreLocation.resolve(database,
                root.environment()), runs, epochs, steps, trials, workers);
        return ExitCodes.OK;
    }
}
