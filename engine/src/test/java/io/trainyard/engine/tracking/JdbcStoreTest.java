package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.cli.Main;
import io.trainyard.engine.testing.Experiments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store given by JDBC URL: an H2 server other machines could share; run folders stay local. */
class JdbcStoreTest {

    @TempDir
    Path directory;

    @Test
    void runsAreRecordedInADatabaseGivenByUrl() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir",
                directory.resolve("server").toString()).start();
        try {
            String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/shared";
            Map<String, String> environment = Map.of("TRAINYARD_CACHE", directory.resolve("cache").toString(),
                    "TRAINYARD_RUN_FILES", directory.resolve("files").toString());
            String run = cli(environment, "run", Experiments.blobsFile().toString(), "--store", url, "--set",
                    "epochs=2");
            assertTrue(run.contains("store " + url), run);
            String runs = cli(environment, "runs", "--store", url);
            assertTrue(runs.contains("blobs-mlp") && runs.contains("FINISHED"), runs);
            try (var folders = Files.list(directory.resolve("files").resolve("runs"))) {
                assertEquals(1, folders.count(), "the run's folder is in TRAINYARD_RUN_FILES");
            }
            assertTrue(Files.exists(directory.resolve("server").resolve("shared.mv.db")));
        } finally {
            server.stop();
        }
    }

    private static String cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
