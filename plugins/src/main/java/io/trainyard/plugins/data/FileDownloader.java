package io.trainyard.plugins.data;

import io.trainyard.api.TrainyardException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Downloads files into a directory and keeps only those whose decompressed content has the expected SHA-256. A file
 * appears under its final name only once verified, so an interrupted download never leaves a corrupt file behind.
 */
final class FileDownloader {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final URI base;
    private final Map<String, String> expectedSha256;

    /**
     * @param base the directory URL the files are under, ending in {@code /}
     * @param expectedSha256 file name to hex SHA-256 of its decompressed content
     */
    FileDownloader(URI base, Map<String, String> expectedSha256) {
        this.base = base;
        this.expectedSha256 = Map.copyOf(expectedSha256);
    }

    /** Downloads {@code name} into {@code directory} unless a verified copy is already there. */
    Path fetch(String name, Path directory) {
        Path target = directory.resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        URI source = base.resolve(name);
        Path partial = directory.resolve(name + ".part");
        try {
            Files.createDirectories(directory);
            HttpResponse<Path> response = client.send(HttpRequest.newBuilder(source)
                    .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            String actual = IdxFile.read(partial).sha256();
            if (!actual.equals(expectedSha256.get(name))) {
                throw new IOException("checksum mismatch: expected SHA-256 " + expectedSha256.get(name) + ", got "
                        + actual);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException | TrainyardException e) {
            deleteQuietly(partial);
            throw new TrainyardException("could not download " + source + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            deleteQuietly(partial);
            Thread.currentThread().interrupt();
            throw new TrainyardException("download of " + source + " was interrupted", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A stray .part file is overwritten by the next attempt.
        }
    }
}
