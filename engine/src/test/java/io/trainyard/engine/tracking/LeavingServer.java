package io.trainyard.engine.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A store server that goes away when told: a proxy on the loopback address in front of a holding process's server,
 * which closes the connections it is told to close as soon as they arrive (as a holder that has just left does) and
 * forwards the others.
 */
final class LeavingServer implements AutoCloseable {

    private final ServerSocket listening;
    private final int target;
    private final Deque<Boolean> plan = new ArrayDeque<>();

    LeavingServer(int target) throws IOException {
        this.target = target;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "leaving-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    /** The next connections, in order: {@code true} to close, {@code false} to forward; later ones are forwarded. */
    synchronized void plan(Boolean... closes) {
        plan.addAll(List.of(closes));
    }

    /** How many planned connections have not arrived yet. */
    synchronized int planned() {
        return plan.size();
    }

    private synchronized boolean closesNext() {
        Boolean next = plan.poll();
        return next != null && next;
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                if (closesNext()) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                pump(client.getInputStream(), server.getOutputStream(), server);
                pump(server.getInputStream(), client.getOutputStream(), client);
            } catch (IOException e) {
                // closed, or a connection that went away: the next one is served as planned
            }
        }
    }

    private static void pump(InputStream from, OutputStream to, Socket closeAfter) {
        Thread thread = new Thread(() -> {
            try (closeAfter) {
                from.transferTo(to);
            } catch (IOException e) {
                // the other side went away
            }
        }, "leaving-server-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }
}
