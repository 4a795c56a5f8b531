package io.trainyard.engine.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from Debian's {@code postgresql} package: initdb
 * and pg_ctl in a temporary directory, listening on a free port of 127.0.0.1 only, with a random password for every
 * role. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user the package creates. Each
 * test gets a database of its own, owned by a role that is not a superuser, as a team's would be.
 */
public final class PostgresServer {

    /** The role the stores log in as. */
    public static final String USER = "trainyard";

    private static PostgresServer shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path base;
    private final Path bin;
    private final int port;
    private final String adminPassword;
    private final String password;
    private final boolean asPostgres;

    private PostgresServer(Path base, Path bin, int port, boolean asPostgres) {
        this.base = base;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
        this.adminPassword = randomSecret();
        this.password = randomSecret();
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException | InterruptedException | SQLException e) {
                throw new IllegalStateException("cannot start PostgreSQL for the tests (Debian's postgresql package"
                        + " provides it; .ci/run installs it): " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /**
     * A server of the caller's own, to stop and start again ({@link #halt}, {@link #restart}) without disturbing
     * the tests that share {@link #shared()}; stopped when the JVM exits.
     */
    public static PostgresServer startPrivate() {
        try {
            return start();
        } catch (IOException | InterruptedException | SQLException e) {
            throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
        }
    }

    /** Stops the server at once, as a crash or a restart would: connections break, nothing answers. */
    public void halt() throws IOException, InterruptedException {
        run("pg_ctl", "-D", base.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    }

    /** Starts the halted server again on the same port, with its databases. */
    public void restart() throws IOException, InterruptedException {
        pgCtlStart();
    }

    /** A new empty database owned by {@link #USER}; its URL as a user gives it to {@code --store}. */
    public String newDatabase() {
        String name = "store_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        admin("CREATE DATABASE " + name + " OWNER " + USER);
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + name;
    }

    /** The environment in which {@link #USER}'s password is found, as psql finds it. */
    public Map<String, String> environment() {
        return Map.of("PGPASSWORD", password);
    }

    public String password() {
        return password;
    }

    private static PostgresServer start() throws IOException, InterruptedException, SQLException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = Files.createTempDirectory("trainyard-postgres-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        PostgresServer server = new PostgresServer(base, bin, freePort(), root);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.initialise();
        return server;
    }

    private void initialise() throws IOException, InterruptedException, SQLException {
        Path data = base.resolve("data");
        Path passwordFile = base.resolve("admin-password");
        Files.writeString(passwordFile, adminPassword);
        Files.createDirectory(data);
        if (asPostgres) {
            UserPrincipal postgres = base.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(data, postgres);
            Files.setOwner(passwordFile, postgres);
        }
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        run("initdb", "-D", data.toString(), "-U", "admin", "--pwfile=" + passwordFile, "--auth=scram-sha-256",
                "--encoding=UTF8", "--no-locale", "--no-sync");
        Files.delete(passwordFile);
        pgCtlStart();
        admin("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
    }

    private void pgCtlStart() throws IOException, InterruptedException {
        Path data = base.resolve("data");
        run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=''"
                        + " -c fsync=off -c full_page_writes=off", "start");
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "admin", adminPassword); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql + ": " + e.getMessage(), e);
        }
    }

    private void stop() {
        try {
            run("pg_ctl", "-D", base.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The server may never have started; its directory goes anyway.
        }
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Left in the temporary directory.
        }
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(base.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(program + " failed: " + output.strip());
        }
    }

    /** The newest PostgreSQL installed the Debian way, under /usr/lib/postgresql/VERSION/bin. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IOException("no PostgreSQL under " + root);
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString()
                            .replaceAll("\\D.*", ""))))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IOException("no initdb under " + root));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
