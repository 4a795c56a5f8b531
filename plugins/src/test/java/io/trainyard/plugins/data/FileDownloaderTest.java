package io.trainyard.plugins.data;

import io.trainyard.testkit.IdxFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.trainyard.api.TrainyardException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on the loopback interface. */
class FileDownloaderTest {

    @TempDir
    Path directory;

    private HttpServer server;
    private byte[] served;
    private String expectedSha256;

    @BeforeEach
    void serveOneFile() throws Exception {
        Path source = IdxFiles.write(directory.resolve("source.gz"), new int[] {3}, new byte[] {1, 2, 3});
        served = Files.readAllBytes(source);
        expectedSha256 = IdxFile.read(source).sha256();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/labels.gz", exchange -> {
            exchange.sendResponseHeaders(200, served.length);
            exchange.getResponseBody().write(served);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keepsAFileWhoseContentMatchesTheChecksum() throws Exception {
        Path saved = downloader(expectedSha256).fetch("labels.gz", directory.resolve("cache"));
        assertArrayEquals(served, Files.readAllBytes(saved));
        assertFalse(Files.exists(directory.resolve("cache/labels.gz.part")));
    }

    @Test
    void rejectsAndRemovesAFileWithTheWrongChecksum() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> downloader("0".repeat(64)).fetch("labels.gz", directory.resolve("cache")));
        assertTrue(error.getMessage().contains("checksum mismatch"), error.getMessage());
        assertFalse(Files.exists(directory.resolve("cache/labels.gz")));
        assertFalse(Files.exists(directory.resolve("cache/labels.gz.part")));
    }

    @Test
    void missingFileOnTheServerIsAnError() {
        TrainyardException error = assertThrows(TrainyardException.class, () -> new FileDownloader(base(),
                Map.of("other.gz", expectedSha256)).fetch("other.gz", directory.resolve("cache")));
        assertTrue(error.getMessage().contains("HTTP 404"), error.getMessage());
    }

    private FileDownloader downloader(String sha256) {
        return new FileDownloader(base(), Map.of("labels.gz", sha256));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/");
    }
}
