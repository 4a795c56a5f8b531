package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.StoreCopy;
import io.trainyard.engine.tracking.StoreLocation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy every run and sweep of one store into another: rows, metrics, tags, notes, provenance,"
            + " run folders and checkpoints; from a local store to a team's PostgreSQL server, or back.",
            "Copying again copies only runs that are new or have changed; nothing in the source changes."},
        footer = {"", "Example:", "  trainyard store copy --from trainyard-runs --to postgresql://ana@db/trainyard"})
final class StoreCopyCommand implements Callable<Integer> {

    @ParentCommand
    private StoreCommand parent;

    @Option(names = "--from", required = true, paramLabel = "STORE", description = "The store to copy: a directory"
            + " or a URL, as --store takes it")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "STORE", description = "The store to copy into, created"
            + " if new")
    private String to;

    @Override
    public Integer call() {
        TrainyardCommand root = parent.root();
        StoreLocation source = StoreLocation.resolve(from, root.environment());
        StoreLocation target = StoreLocation.resolve(to, root.environment());
        if (source.describe().equals(target.describe())) {
            throw new TrainyardException("--from and --to name the same store, " + source.describe()
                    + "; name the store to copy into with --to");
        }
        try (Database sourceDatabase = new Database(source); Database targetDatabase = new Database(target)) {
            StoreCopy.Copied copied = new StoreCopy(sourceDatabase, targetDatabase).copy();
            root.out().printf("Copied %d run(s) and %d sweep(s) from %s to %s; %d run(s) were there already%n",
                    copied.runs(), copied.sweeps(), source.describe(), target.describe(), copied.unchanged());
        }
        return ExitCodes.OK;
    }
}
