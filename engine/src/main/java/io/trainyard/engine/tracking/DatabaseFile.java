package io.trainyard.engine.tracking;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the store's H2 file looks like before H2 opens it. H2 heals a file left by a killed process by going back to
 * its last complete version, which is what a store needs; but it treats an empty file as a new database and a file
 * cut short as whatever older version it finds, rewriting it either way. Reading the two 4 KiB header blocks and the
 * file's last bytes tells the cases apart cheaply: a file closed cleanly says so, names a last chunk inside the file,
 * and ends where a chunk ends.
 */
final class DatabaseFile {

    enum State {
        /** Closed cleanly, its last chunk whole in the file: safe to open. */
        CLEAN(null),
        /** Open elsewhere, or left by a process that died: a read-only look decides whether H2 can heal it. */
        UNCLEAN(null),
        /** Not an H2 file, or empty: opening it would replace it with a new store. */
        DAMAGED("it is empty or not an H2 database"),
        /**
         * Closed cleanly, then cut short inside or before a chunk: H2 would go back to an older version of the store,
         * which may be the empty one it started as.
         */
        CUT_SHORT("its end is missing: the file was cut short after it was closed");

        /** Why a file in this state is never opened, or null if it may be. */
        final String refusal;

        State(String refusal) {
            this.refusal = refusal;
        }
    }

    private static final int BLOCK = 4096;

    /** The length of the footer that ends every chunk. */
    private static final int FOOTER = 128;

    private DatabaseFile() {
    }

    /** The state of the file open in {@code channel}, read from its start. */
    static State inspect(FileChannel channel) throws IOException {
        String headers = read(channel, 0, 2 * BLOCK);
        if (headers.length() < 2 * BLOCK) {
            return State.DAMAGED;
        }
        String first = headers.substring(0, BLOCK).trim();
        String second = headers.substring(BLOCK).trim();
        Map<String, String> header = parse(first);
        if (!"2".equals(header.get("H")) && !"2".equals(parse(second).get("H"))) {
            return State.DAMAGED;
        }
        if (!first.equals(second) || !"1".equals(header.get("clean"))) {
            return State.UNCLEAN;
        }
        long size = channel.size();
        boolean whole = lastChunkEnd(channel, inBytes(header.get("block")), size) <= size
                && endsWithChunk(channel, size);
        return whole ? State.CLEAN : State.CUT_SHORT;
    }

    /**
     * Where the chunk written last ends, by its own header at {@code start}: a file cut short inside that chunk still
     * names a start inside the file.
     */
    private static long lastChunkEnd(FileChannel channel, long start, long size) throws IOException {
        if (start >= size) {
            return Long.MAX_VALUE;
        }
        long length = inBytes(chunkHeader(channel, start, size).get("len"));
        return length == Long.MAX_VALUE ? start : start + length; // no length given: as far as can be told, whole
    }

    /**
     * Whether the file ends where a chunk ends, as H2 leaves every file it closes cleanly (it truncates the file to the
     * end of the chunks in use): the footer in its last bytes names a chunk whose header starts that chunk's length
     * earlier. The chunk written last need not be the one at the end, since H2 moves chunks as it compacts the file on
     * close; so a file cut short inside an older chunk still names a whole last chunk, and only its end shows the cut.
     */
    private static boolean endsWithChunk(FileChannel channel, long size) throws IOException {
        if (size % BLOCK != 0 || size < 3 * BLOCK) {
            return false;
        }
        Map<String, String> footer = parse(read(channel, size - FOOTER, FOOTER).trim());
        long length = inBytes(footer.get("len"));
        if (length <= 0 || length > size - 2 * BLOCK) {
            return false;
        }
        Map<String, String> chunk = chunkHeader(channel, size - length, size);
        return footer.containsKey("chunk") && footer.get("chunk").equals(chunk.get("chunk"))
                && footer.get("len").equals(chunk.get("len"));
    }

    /** The header of the chunk that starts at {@code start}: its first line. */
    private static Map<String, String> chunkHeader(FileChannel channel, long start, long size) throws IOException {
        String text = read(channel, start, (int) Math.min(BLOCK, size - start));
        int end = text.indexOf('\n');
        return parse(end < 0 ? text : text.substring(0, end));
    }

    /** Up to {@code length} bytes from {@code position}, as text (H2's headers are ASCII). */
    private static String read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
            // read them whole
        }
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.ISO_8859_1);
    }

    /** A number of blocks, given in hexadecimal, in bytes; the largest long if it is missing or not a number. */
    private static long inBytes(String hex) {
        try {
            return Long.parseLong(hex, 16) * BLOCK;
        } catch (NumberFormatException | NullPointerException e) {
            return Long.MAX_VALUE;
        }
    }

    /** H2's header: {@code key:value} pairs separated by commas, numbers in hexadecimal. */
    private static Map<String, String> parse(String block) {
        Map<String, String> entries = new HashMap<>();
        for (String entry : block.split(",")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                entries.put(entry.substring(0, colon), entry.substring(colon + 1));
            }
        }
        return entries;
    }
}
