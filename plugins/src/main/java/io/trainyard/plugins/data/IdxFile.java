package io.trainyard.plugins.data;

import io.trainyard.api.TrainyardException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.GZIPInputStream;

/**
 * A gzip-compressed IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST: a magic number
 * {@code 0x0000 08 nd}, {@code nd} big-endian dimension sizes, then the data. The SHA-256 is taken over the
 * decompressed bytes, so the same data gives the same hash whichever way it was compressed, and its decompressed
 * copy ({@link DecompressedCopies}) the same hash as the archive.
 *
 * @param dimensions the size of each dimension, e.g. {@code [60000, 28, 28]}
 * @param data the values, row-major, read-only: a decompressed copy's are the file mapped into memory
 * @param sha256 hex SHA-256 of the decompressed file
 */
public record IdxFile(int[] dimensions, ByteBuffer data, String sha256) {

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int EXACT_READ_LIMIT = 1 << 28;
    private static final int PIECE = 1 << 20;

    /** Reads and checks a whole compressed file; any problem is a {@link TrainyardException} naming the file. */
    public static IdxFile read(Path file) {
        MessageDigest digest = sha256Digest();
        return read(file, true, raw -> new DigestInputStream(new GZIPInputStream(raw, 1 << 16), digest),
                (in, channel, headerLength, length) -> streamed(file, in, length),
                () -> HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Reads a {@link DecompressedCopies decompressed copy} whose bytes have the CRC32C {@code crc32c}, as recorded when
     * it was written; its SHA-256, taken then from the same bytes, is {@code sha256}. A copy whose bytes changed since
     * is a {@link TrainyardException}. Its values are the file mapped into memory, not read into the heap: a fresh
     * 47 MB array took 75-85 ms to allocate here (its pages zeroed, each a fault the virtual machine's host serves),
     * and its filling 15-30 ms more, where the copy's pages are in the system's cache already: mapping them as the
     * checksum reads them takes about 25 ms. (Copies are replaced by moving a new file into place, never rewritten
     * where they are, so a mapped copy never changes under a run.)
     */
    static IdxFile readCopy(Path file, long crc32c, String sha256) {
        CRC32C checksum = new CRC32C();
        IdxFile idx = read(file, false, raw -> new CheckedInputStream(raw, checksum),
                (in, channel, headerLength, length) -> mapped(file, channel, headerLength, length, checksum),
                () -> sha256);
        if (checksum.getValue() != crc32c) {
            throw corrupt(file, "its bytes changed since it was written (CRC32C mismatch)");
        }
        return idx;
    }

    /** The stream of a file's content (decompressed, checked) over the file's raw bytes. */
    private interface Content {
        InputStream over(InputStream raw) throws IOException;
    }

    /**
     * How the values are taken once the header ({@code headerLength} bytes) has been read from {@code in}, a stream
     * over {@code channel}, the file opened once for both.
     */
    private interface Values {
        ByteBuffer take(DataInputStream in, FileChannel channel, int headerLength, int length) throws IOException;
    }

    private static IdxFile read(Path file, boolean compressed, Content content, Values values,
            Supplier<String> sha256) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                DataInputStream in = new DataInputStream(content.over(
                        new BufferedInputStream(Channels.newInputStream(channel), 1 << 16)))) {
            int magic = in.readInt();
            int rank = magic & 0xff;
            if ((magic >>> 8) != UNSIGNED_BYTE || rank < 1 || rank > 4) {
                throw corrupt(file, String.format("it is not an unsigned-byte IDX file (magic number 0x%08x)", magic));
            }
            int[] dimensions = new int[rank];
            long length = 1;
            for (int i = 0; i < rank; i++) {
                dimensions[i] = in.readInt();
                if (dimensions[i] < 0) {
                    throw corrupt(file, "dimension " + i + " has negative size " + dimensions[i]);
                }
                length *= dimensions[i];
            }
            if (length > Integer.MAX_VALUE - 16) {
                throw corrupt(file, "its header announces " + length + " values, more than fit in memory");
            }
            ByteBuffer data = values.take(in, channel, Integer.BYTES * (1 + rank), (int) length);
            return new IdxFile(dimensions, data, sha256.get());
        } catch (NoSuchFileException e) {
            throw new TrainyardException("data file " + file + " does not exist");
        } catch (EOFException e) {
            throw corrupt(file, "it is truncated");
        } catch (IOException e) {
            throw corrupt(file, compressed ? "it is not a valid gzip stream (" + e.getMessage() + ")"
                    : "it cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The values that follow the header in the stream, which must end with them. */
    private static ByteBuffer streamed(Path file, InputStream in, int length) throws IOException {
        byte[] data = readValues(in, length);
        if (data.length < length) {
            throw truncated(file, length, data.length);
        }
        if (in.read() != -1) {
            throw trailing(file, length);
        }
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** The values that follow the header in the file, mapped read-only, and added to {@code checksum}. */
    private static ByteBuffer mapped(Path file, FileChannel channel, int headerLength, int length, CRC32C checksum)
            throws IOException {
        long available = channel.size() - headerLength;
        if (available < length) {
            throw truncated(file, length, available);
        }
        if (available > length) {
            throw trailing(file, length);
        }
        ByteBuffer values = channel.map(FileChannel.MapMode.READ_ONLY, headerLength, length);
        checksum.update(values.duplicate());
        return values;
    }

    private static TrainyardException truncated(Path file, int announced, long found) {
        return corrupt(file, "it is truncated: the header announces " + announced + " values but only " + found
                + " follow");
    }

    private static TrainyardException trailing(Path file, int announced) {
        return corrupt(file, "it has data after the " + announced + " values its header announces");
    }

    /**
     * Up to {@code length} values. Into an array of that size when it is plausible: readNBytes(n) collects chunks and
     * copies them, twice the 47 MB of Fashion-MNIST's training images in garbage. A larger announcement is read as it
     * arrives, so that a corrupt header cannot make the reader take gigabytes it never fills.
     */
    private static byte[] readValues(InputStream in, int length) throws IOException {
        if (length > EXACT_READ_LIMIT) {
            return in.readNBytes(length);
        }
        byte[] data = new byte[length];
        int read = 0;
        while (read < length) {
            // In pieces: one request for the whole would have an uncompressed file read through a native buffer of
            // its size, allocated and copied for the one call.
            int piece = in.readNBytes(data, read, Math.min(length - read, PIECE));
            if (piece == 0) {
                break;
            }
            read += piece;
        }
        return read == length ? data : Arrays.copyOf(data, read);
    }

    private static TrainyardException corrupt(Path file, String reason) {
        return new TrainyardException("data file " + file + " is unusable: " + reason
                + "; delete it and download it again, or reinstall the package it came from");
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** Writes the file's content, not compressed: the bytes its SHA-256 is of. */
    void writeUncompressed(OutputStream out) throws IOException {
        out.write(header());
        // In pieces, as it is read: the whole at once would go through a native buffer of its size.
        ByteBuffer values = data.duplicate();
        byte[] piece = new byte[Math.min(PIECE, values.remaining())];
        while (values.hasRemaining()) {
            int length = Math.min(piece.length, values.remaining());
            values.get(piece, 0, length);
            out.write(piece, 0, length);
        }
        out.flush();
    }

    /** The CRC32C of the bytes {@link #writeUncompressed} writes. */
    long crc32c() {
        CRC32C checksum = new CRC32C();
        checksum.update(header());
        checksum.update(data.duplicate());
        return checksum.getValue();
    }

    /** The magic number and the dimensions' sizes, big-endian. */
    private byte[] header() {
        ByteBuffer header = ByteBuffer.allocate(Integer.BYTES * (1 + dimensions.length));
        header.putInt(UNSIGNED_BYTE << 8 | dimensions.length);
        for (int dimension : dimensions) {
            header.putInt(dimension);
        }
        return header.array();
    }

    /** Number of items (the first dimension). */
    public int count() {
        return dimensions[0];
    }

    /** Values per item (the product of the other dimensions). */
    public int itemLength() {
        int length = 1;
        for (int i = 1; i < dimensions.length; i++) {
            length *= dimensions[i];
        }
        return length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdxFile idx && Arrays.equals(dimensions, idx.dimensions) && data.equals(idx.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dimensions) + data.hashCode();
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dimensions) + " sha256=" + sha256;
    }
}
