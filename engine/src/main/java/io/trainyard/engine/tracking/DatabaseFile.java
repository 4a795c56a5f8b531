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
 * cut short as whatever older version it finds, rewriting it either way. Reading the two 4 KiB header blocks tells
 * the cases apart cheaply: a file closed cleanly says so and names a last chunk inside the file.
 */
final class DatabaseFile {

    enum State {
        /** Closed cleanly, its last chunk inside the file: safe to open. */
        CLEAN,
        /** Open elsewhere, or left by a process that died: a read-only look decides whether H2 can heal it. */
        UNCLEAN,
        /** Not an H2 file, or empty: opening it would replace it with a new store. */
        DAMAGED
    }

    private static final int BLOCK = 4096;

    private DatabaseFile() {
    }

    /** The state of the file open in {@code channel}, read from its start. */
    static State inspect(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 2 * BLOCK) {
            return State.DAMAGED;
        }
        ByteBuffer headers = ByteBuffer.allocate(2 * BLOCK);
        while (headers.hasRemaining() && channel.read(headers, headers.position()) >= 0) {
            // read both blocks whole
        }
        String first = new String(headers.array(), 0, BLOCK, StandardCharsets.ISO_8859_1).trim();
        String second = new String(headers.array(), BLOCK, BLOCK, StandardCharsets.ISO_8859_1).trim();
        Map<String, String> header = parse(first);
        if (!"2".equals(header.get("H")) && !"2".equals(parse(second).get("H"))) {
            return State.DAMAGED;
        }
        boolean clean = first.equals(second) && "1".equals(header.get("clean"))
                && blockOffset(header.get("block")) < size;
        return clean ? State.CLEAN : State.UNCLEAN;
    }

    private static long blockOffset(String hex) {
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
