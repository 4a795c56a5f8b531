package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.PostgresServer;
import io.trainyard.engine.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a PostgreSQL store is named, logged in to and refused: passwords as psql finds them, and never shown. */
class PostgresStoreTest {

    @TempDir
    Path directory;

    @Test
    void aLibpqUrlBecomesAJdbcUrlThatCarriesNoSecret() {
        StoreLocation location = StoreLocation.resolve("postgresql://ana@db.example:6543/team?sslmode=verify-full",
                Map.of("PGPASSWORD", "s3cret", "TRAINYARD_RUN_FILES", "/tmp/files"));
        assertEquals("jdbc:postgresql://db.example:6543/team?user=ana&sslmode=verify-full", location.jdbcUrl());
        assertEquals("ana", location.credentials().user());
        assertEquals("s3cret", location.credentials().password());
        assertEquals(Path.of("/tmp/files"), location.directory());
        assertFalse(location.describe().contains("s3cret"));
        assertFalse(location.credentials().toString().contains("s3cret"));
        // The JDBC form, and the user, database and port psql would take.
        assertEquals("jdbc:postgresql://db:5432/runs?user=bo", StoreLocation.resolve(
                "jdbc:postgresql://db/runs?user=bo", Map.of()).jdbcUrl());
        assertEquals("jdbc:postgresql://db:5432/cy?user=cy", StoreLocation.resolve("postgres://db",
                Map.of("PGUSER", "cy")).jdbcUrl());
        assertEquals(Dialect.POSTGRESQL, Dialect.of(location.jdbcUrl()));
    }

    @Test
    void urlsCarryingSecretsOrRiskySettingsAreRefusedNamingTheSettingOnly() {
        assertEquals("the PostgreSQL store URL is refused: it must not carry a password: give it in PGPASSWORD or"
                + " ~/.pgpass, as for psql", refusal("postgresql://ana:hunter2@db/team"));
        assertEquals("the PostgreSQL store URL is refused: it must not carry the password: give the password in"
                + " PGPASSWORD or ~/.pgpass", refusal("jdbc:postgresql://db/team?password=hunter2"));
        String risky = refusal("postgresql://db/team?socketFactory=org.example.Evil");
        assertTrue(risky.startsWith("the PostgreSQL store URL is refused: its setting 'socketFactory' is not accepted"
                + " (some driver settings load classes or write files); accepted: "), risky);
        assertFalse(risky.contains("org.example.Evil"));
        assertTrue(refusal("postgresql:///team").contains("name the server"));
    }

    @Test
    void thePasswordComesFromThePasswordFileWhenOnlyItsOwnerCanReadIt() throws Exception {
        Path file = directory.resolve("pgpass");
        Files.writeString(file, "# team server\nother:*:*:*:wrong\ndb\\:x:5432:team:ana:pa\\:ss\n*:*:*:ana:fallback\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> environment = Map.of("PGPASSFILE", file.toString());
        assertEquals("pa:ss", StoreLocation.resolve("postgresql://ana@db:x:5432/team", environment).credentials()
                .password(), "escaped colons in the file");
        assertEquals("fallback", StoreLocation.resolve("postgresql://ana@db/other", environment).credentials()
                .password());
        assertNull(StoreLocation.resolve("postgresql://bo@db/team", environment).credentials().password());
        assertEquals("env", StoreLocation.resolve("postgresql://ana@db/other", Map.of("PGPASSFILE", file.toString(),
                "PGPASSWORD", "env")).credentials().password(), "PGPASSWORD comes first");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertNull(StoreLocation.resolve("postgresql://ana@db/other", environment).credentials().password(),
                "a password file others can read is ignored, as libpq does");
    }

    @Test
    void aRunIsRecordedOnTheServerAndTheWrongPasswordIsOneLineWithoutIt() throws Exception {
        StoreBackend.Store store = StoreBackend.POSTGRESQL.newStore(directory.resolve("files"));
        Cli cli = new Cli(store, directory.resolve("cache"));
        Cli.Result run = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=1");
        assertEquals(0, run.exitCode(), run.err());
        String password = PostgresServer.shared().password();
        Cli.Result show = cli.run("show", run.out().lines().filter(line -> line.startsWith("Run ")).findFirst()
                .orElseThrow().split(" ")[1], "--provenance", "--format", "json");
        assertFalse(show.out().contains(password), "no recorded fact holds the password");
        assertFalse(run.out().contains(password));

        Map<String, String> wrong = new HashMap<>(store.environment());
        wrong.put("PGPASSWORD", "not-the-password");
        Cli.Result refused = new Cli(new StoreBackend.Store(store.option(), wrong), directory.resolve("cache"))
                .run("runs");
        assertEquals(3, refused.exitCode());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().contains("the database refused the user name or password")
                && refused.err().contains("PGPASSWORD or ~/.pgpass"), refused.err());
        assertFalse(refused.err().contains("not-the-password"));

        Cli.Result missing = new Cli(new StoreBackend.Store(store.option().replaceFirst("/store_\\w+$",
                "/no_such_db"), store.environment()), directory.resolve("cache")).run("runs");
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().contains("\"no_such_db\" does not exist; create it first"), missing.err());
    }

    private static String refusal(String url) {
        return assertThrows(TrainyardException.class, () -> StoreLocation.resolve(url, Map.of())).getMessage();
    }
}
