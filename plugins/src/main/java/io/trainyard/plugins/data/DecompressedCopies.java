package io.trainyard.plugins.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decompressed copies of gzip-compressed IDX files, kept in a cache directory as torchvision keeps its extracted
 * files: inflating Fashion-MNIST took 0.3-0.5 s of a core at every run's start, reading the copy 0.05 s. A copy is
 * used only while its source has the size, modification time and file key recorded beside it and while its own bytes
 * have the CRC32C recorded there; otherwise, and whenever a copy cannot be written (a read-only or nearly full disk),
 * the compressed file is read as before. Deleting the directory is always safe.
 *
 * <p>The SHA-256 that a run records is taken as the copy is made, from the bytes decompressed, and recorded beside the
 * copy too: hashing the copy again at every start cost 0.1 s (SHA-256 runs at about 0.5 GB/s here), and the CRC32C
 * (computed in hardware: a few milliseconds) catches any change to its bytes as surely as a hash would an accident.
 */
final class DecompressedCopies {

    /** Space a copy leaves free on its disk, at least: a cache must not be what fills the disk a store is on. */
    private static final long SPARE_BYTES = 1L << 30;

    private final Path directory;

    DecompressedCopies(Path directory) {
        this.directory = directory;
    }

    /** The file's content: from its copy when the copy is current, else from the file (and then copied). */
    IdxFile read(Path compressed) {
        Path copy;
        String source;
        try {
            // A folder per source directory, named by its path's hash: a dataset.path elsewhere gets copies of its own.
            String folder = HexFormat.of().formatHex(IdxFile.sha256Digest().digest(compressed.toAbsolutePath()
                    .normalize().getParent().toString().getBytes(StandardCharsets.UTF_8)));
            copy = directory.resolve(folder.substring(0, 16))
                    .resolve(compressed.getFileName().toString().replaceFirst("\\.gz$", ""));
            source = describe(compressed);
        } catch (IOException e) {
            return IdxFile.read(compressed); // which says what is wrong with the file
        }
        Path stamp = copy.resolveSibling(copy.getFileName() + ".source");
        Optional<IdxFile> current = current(copy, stamp, source);
        if (current.isPresent()) {
            return current.get();
        }
        IdxFile file = IdxFile.read(compressed);
        keep(file, copy, stamp, source);
        return file;
    }

    /** What identifies the compressed file's version: its size, modification time and file key (device, inode). */
    private static String describe(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.fileKey();
    }

    private static Optional<IdxFile> current(Path copy, Path stamp, String source) {
        try {
            List<String> lines = Files.readAllLines(stamp, StandardCharsets.UTF_8);
            if (lines.size() != 3 || !lines.get(0).equals(source)) {
                return Optional.empty();
            }
            return Optional.of(IdxFile.readCopy(copy, Long.parseLong(lines.get(2)), lines.get(1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no copy yet, or one cut short: the compressed file is the truth
        }
    }

    /**
     * Writes the copy, then the stamp that vouches for it, each under a name of its own and moved into place, so that
     * processes loading the same data at once never read half a file; a reader checks the copy against the stamp.
     */
    private void keep(IdxFile file, Path copy, Path stamp, String source) {
        try {
            Files.createDirectories(copy.getParent());
            if (Files.getFileStore(copy.getParent()).getUsableSpace() < file.data().remaining() + SPARE_BYTES) {
                return;
            }
            write(copy, file::writeUncompressed);
            write(stamp, out -> out.write((source + "\n" + file.sha256() + "\n" + file.crc32c() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            // Without a copy the next run reads the compressed file again: slower, never wrong.
        }
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Path target, Content content) throws IOException {
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                content.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
