package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.RunAnnotations;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepQueries;
import io.trainyard.engine.ui.DashboardLauncher;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Serve a live dashboard of the store in the browser: the runs with the filter language, each"
            + " run with its curves growing while it trains, comparisons and sweeps with the content of the HTML"
            + " report.", "Listens on 127.0.0.1 only, read-only, until Ctrl-C. --bind another address needs a"
            + " token in TRAINYARD_UI_TOKEN (16 characters or more), never on the command line."},
        footer = {"", "  trainyard ui", "  trainyard ui --port 9000 --allow-edits",
            "  TRAINYARD_UI_TOKEN=$(openssl rand -hex 24) trainyard ui --bind 0.0.0.0"})
final class UiCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<RunQueries> runQueries;
    private final Provider<SweepQueries> sweepQueries;
    private final Provider<RunAnnotations> annotations;
    private final Provider<StoreLocation> location;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 8765; 0 takes a free one)")
    private int port = 8765;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1)")
    private String bind = "127.0.0.1";

    @Option(names = "--allow-edits", description = "Let the run pages set tags and notes")
    private boolean allowEdits;

    @Inject
    UiCommand(Provider<RunQueries> runQueries, Provider<SweepQueries> sweepQueries,
            Provider<RunAnnotations> annotations, Provider<StoreLocation> location) {
        this.runQueries = runQueries;
        this.sweepQueries = sweepQueries;
        this.annotations = annotations;
        this.location = location;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new TrainyardException("--port must be between 0 and 65535, got " + port);
        }
        DashboardLauncher.serve(bind, port, root.environment().get("TRAINYARD_UI_TOKEN"), allowEdits,
                runQueries.get(), sweepQueries.get(), annotations.get(), location.get().describe(), root.out());
        return ExitCodes.OK;
    }
}
