package io.trainyard.engine.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.OptionalInt;
import org.h2.engine.SysProperties;
import org.h2.tools.Server;

/**
 * The local TCP server through which the process that holds a store's database file shares it with other processes
 * on the machine (H2 admits one process per file). Its port is published in {@code trainyard.server} in the store
 * directory; it listens on the loopback address only and admits whoever has the store's secret.
 */
final class StoreServer {

    static final String PORT_FILE = "trainyard.server";
    private static final String LOOPBACK = "127.0.0.1";

    private final Server server;
    private final Path portFile;

    private StoreServer(Server server, Path portFile) {
        this.server = server;
        this.portFile = portFile;
    }

    /**
     * Starts a server on a free port of the loopback address for the database this process has open, and publishes
     * the port. It opens no other database: only existing ones, inside the store directory. Who connects needs the
     * store's secret.
     */
    static StoreServer start(StoreLocation location) throws SQLException, IOException {
        if (!LOOPBACK.equals(SysProperties.BIND_ADDRESS)) {
            throw new IOException("H2 would listen on every address, not only " + LOOPBACK + " (h2.bindAddress is "
                    + SysProperties.BIND_ADDRESS + ")");
        }
        Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifExists", "-baseDir",
                location.directory().toAbsolutePath().toString()).start();
        Path portFile = location.directory().resolve(PORT_FILE);
        Path written = Files.createTempFile(location.directory(), PORT_FILE, ".tmp");
        Files.writeString(written, Integer.toString(server.getPort()));
        Files.move(written, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new StoreServer(server, portFile);
    }

    /** The port the holding process published, if any (it may be stale: that process may have died). */
    static OptionalInt publishedPort(StoreLocation location) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(location.directory().resolve(PORT_FILE)).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Withdraws the port (unless another process has published its own since) and stops serving. */
    void stop() {
        try {
            if (Files.readString(portFile).trim().equals(Integer.toString(server.getPort()))) {
                Files.delete(portFile);
            }
        } catch (IOException | RuntimeException ignored) {
            // Already gone or replaced: nothing of ours to withdraw.
        }
        server.stop();
    }
}
