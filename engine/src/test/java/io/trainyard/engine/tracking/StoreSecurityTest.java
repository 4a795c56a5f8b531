package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreConnections;
import io.trainyard.engine.testing.TrainingProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port through which a training process shares its store: on the loopback address only, and closed to anyone
 * without the store's secret, tried by a real second OS user ({@code nobody}) over a real TCP connection.
 */
class StoreSecurityTest {

    @TempDir
    Path directory;

    @Test
    void anotherUserCanNeitherLogInNorOpenOtherDatabasesThroughTheStoresPort() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as another user");
        Path store = directory.resolve("store");
        TrainingProcess training = TrainingProcess.start(directory.resolve("run.txt"), Map.of(), "run",
                Experiments.blobsFile().toString(), "--store", store.toString(), "--set", "epochs=50",
                "--set", "callbacks=[{name: slow-down, millis: 20}]");
        try {
            int port = awaitPort(store);
            String address = listeningAddress(port);
            assertTrue(address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F"),
                    "the port listens on 127.0.0.1 alone (IPv4 or IPv4-mapped IPv6), not on " + address);
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(store.resolve("trainyard.secret"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));

            // A database the other user cannot read through the file system, outside the store directory.
            Path elsewhere = directory.resolve("elsewhere").resolve("private");
            try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + elsewhere, "sa", "")) {
                connection.createStatement().execute("CREATE TABLE secrets (v INT)");
            }
            String database = store.toAbsolutePath().resolve("trainyard").toString();
            List<String> attempts = asNobody(
                    "jdbc:h2:tcp://127.0.0.1:" + port + "/" + database, "",
                    "jdbc:h2:tcp://127.0.0.1:" + port + "/" + database, "guess",
                    "jdbc:h2:tcp://127.0.0.1:" + port + "/" + elsewhere, "");
            assertEquals(3, attempts.size(), attempts.toString());
            assertTrue(attempts.get(0).startsWith("refused 28000"), attempts.get(0)); // wrong user name or password
            assertTrue(attempts.get(1).startsWith("refused 28000"), attempts.get(1));
            assertTrue(attempts.get(2).startsWith("refused"), attempts.get(2));
            assertTrue(attempts.get(2).contains("outside"), attempts.get(2)); // -baseDir: only the store's files

            // The owner, with the secret, still can.
            try (Connection owner = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/" + database,
                    "sa", StoreConnections.secret(store)); Statement statement = owner.createStatement()) {
                assertTrue(statement.executeQuery("SELECT COUNT(*) FROM runs").next());
            }
        } finally {
            training.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int awaitPort(Path store) throws Exception {
        Path portFile = store.resolve("trainyard.server");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                String text = Files.readString(portFile).trim();
                if (!text.isEmpty()) {
                    return Integer.parseInt(text);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the training process published no port");
    }

    /** The local address (hex, as the kernel lists it) of the socket listening on {@code port}. */
    private static String listeningAddress(int port) throws Exception {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    return fields[1].substring(0, fields[1].indexOf(':'));
                }
            }
        }
        throw new AssertionError("nothing listens on port " + port);
    }

    /** Tries each URL and password as {@code nobody}, in a JVM of that user's, returning one line per attempt. */
    private List<String> asNobody(String... urlsAndPasswords) throws Exception {
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "trainyard-probe");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = Files.copy(h2, shared.resolve("h2.jar"));
            Path probe = shared.resolve("Probe.java");
            Files.writeString(probe, """
                    import java.sql.*;
                    public class Probe {
                        public static void main(String[] args) {
                            for (int i = 0; i < args.length; i += 2) {
                                try (Connection c = DriverManager.getConnection(args[i], "sa", args[i + 1])) {
                                    c.createStatement().execute("CREATE ALIAS PWN FOR 'java.lang.System.getenv'");
                                    System.out.println("entered");
                                } catch (SQLException e) {
                                    System.out.println("refused " + e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse(""));
                                }
                            }
                        }
                    }
                    """);
            for (Path file : List.of(jar, probe)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new java.util.ArrayList<>(List.of("runuser", "-u", "nobody", "--",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar.toString(),
                    probe.toString()));
            command.addAll(List.of(urlsAndPasswords));
            Process process = new ProcessBuilder(command).directory(shared.toFile()).redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertFalse(output.contains("entered"), output);
            return output.lines().filter(line -> line.startsWith("refused") || line.startsWith("entered")).toList();
        } finally {
            try (var files = Files.walk(shared)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
