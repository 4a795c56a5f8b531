package io.trainyard.engine.ui;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.RunAnnotations;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.SweepQueries;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;

/** Starts the dashboard for {@code trainyard ui} and serves until the process is stopped. */
public final class DashboardLauncher {

    private DashboardLauncher() {
    }

    /**
     * @param token the token from the environment, or null
     * @param store the store as the console names it
     */
    public static void serve(String bind, int port, String token, boolean edits, RunQueries runs, SweepQueries sweeps,
            RunAnnotations annotations, String store, PrintStream console) throws InterruptedException {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new TrainyardException("cannot find the address '" + bind + "' to listen on; pass --bind with an"
                    + " address of this machine, or leave it out for 127.0.0.1");
        }
        // Refused before anything listens: a public address without a token, a short token.
        Access.of(address, port, token, edits);
        try (DashboardServer server = DashboardServer.start(new InetSocketAddress(address, port),
                bound -> Access.of(address, bound, token, edits), new Dashboard(runs, sweeps, annotations, edits))) {
            String host = address.isLoopbackAddress() ? "127.0.0.1" : address.getHostAddress();
            console.printf("Trainyard dashboard on http://%s:%d/ (store %s; %s%s). Ctrl-C stops it.%n", host,
                    server.port(), store, edits ? "tags and notes editable" : "read-only",
                    token == null ? "" : "; sign in with the token in " + Access.TOKEN_VARIABLE);
            console.flush();
            new CountDownLatch(1).await();
        }
    }
}
