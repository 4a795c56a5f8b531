package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tells a store's H2 file that was closed cleanly from one cut short afterwards, on files laid out as H2 lays them out:
 * two header blocks naming the chunk written last, then chunks of whole 4 KiB blocks, each starting with a header line
 * and ending with a 128-byte footer that repeat its id and length.
 */
class DatabaseFileTest {

    private static final int BLOCK = 4096;

    @TempDir
    Path directory;

    @Test
    void aFileClosedCleanlyWithItsChunksInOrderIsClean() throws IOException {
        byte[] file = file(3, new Chunk(1, 3), new Chunk(2, 1), new Chunk(3, 2));
        assertEquals(DatabaseFile.State.CLEAN, inspect(file));
    }

    @Test
    void aFileWhoseLastChunkWasMovedForwardIsCleanWhole() throws IOException {
        // Compacting on close moves chunks: the one written last may sit before older ones.
        assertEquals(DatabaseFile.State.CLEAN, inspect(movedLayout()));
    }

    @Test
    void aFileCutInsideAnOlderChunkAtItsEndIsCutShortThoughTheLastChunkIsWhole() throws IOException {
        byte[] whole = movedLayout();
        assertEquals(DatabaseFile.State.CUT_SHORT, inspect(Arrays.copyOf(whole, whole.length - BLOCK)));
        assertEquals(DatabaseFile.State.CUT_SHORT, inspect(Arrays.copyOf(whole, whole.length - 2 * BLOCK)));
    }

    @Test
    void aFileCutInsideABlockIsCutShort() throws IOException {
        byte[] whole = movedLayout();
        assertEquals(DatabaseFile.State.CUT_SHORT, inspect(Arrays.copyOf(whole, whole.length - 100)));
    }

    @Test
    void aFileThatLostItsLastChunkWholeIsCutShort() throws IOException {
        byte[] whole = file(2, new Chunk(1, 3), new Chunk(2, 1));
        // The header names chunk 2 at block 5; without it the file ends with chunk 1, whole.
        assertEquals(DatabaseFile.State.CUT_SHORT, inspect(Arrays.copyOf(whole, whole.length - BLOCK)));
    }

    @Test
    void aFileEndingInAFooterThatIsNotItsChunksIsCutShort() throws IOException {
        byte[] whole = file(2, new Chunk(1, 2), new Chunk(2, 2));
        byte[] foreign = footer(7, 2);
        System.arraycopy(foreign, 0, whole, whole.length - foreign.length, foreign.length);
        assertEquals(DatabaseFile.State.CUT_SHORT, inspect(whole));
    }

    @Test
    void aFileWithoutTheCleanMarkIsUncleanAndAnEmptyOneDamaged() throws IOException {
        byte[] file = file(1, new Chunk(1, 2));
        byte[] unclean = header(2, 1, false);
        System.arraycopy(unclean, 0, file, 0, BLOCK);
        System.arraycopy(unclean, 0, file, BLOCK, BLOCK);
        assertEquals(DatabaseFile.State.UNCLEAN, inspect(file));
        assertEquals(DatabaseFile.State.DAMAGED, inspect(new byte[0]));
    }

    @Test
    void filesThatH2ClosedAreClean() throws Exception {
        Path database = directory.resolve("made-here");
        for (int session = 0; session < 4; session++) { // each close compacts, moving chunks
            try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "secret");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, text VARCHAR)");
                for (int i = 0; i < 200; i++) {
                    statement.execute("MERGE INTO t VALUES (" + (session * 100 + i) + ", REPEAT('x', 500))");
                }
                statement.execute("DELETE FROM t WHERE MOD(id, 3) = " + session % 3);
            }
            assertEquals(DatabaseFile.State.CLEAN, inspect(Path.of(database + ".mv.db")), "after session " + session);
        }
        assertEquals(DatabaseFile.State.CLEAN,
                inspect(Path.of("src/test/resources/stores/made-by-h2-2.2.224/trainyard.mv.db")));
    }

    /** Chunk 3, written last, moved to block 2 ahead of chunk 1 (three blocks) and chunk 2 (one) at the end. */
    private static byte[] movedLayout() {
        return file(3, new Chunk(3, 2), new Chunk(2, 1), new Chunk(1, 3));
    }

    private DatabaseFile.State inspect(byte[] bytes) throws IOException {
        Path file = Files.write(directory.resolve("trainyard.mv.db"), bytes);
        return inspect(file);
    }

    private static DatabaseFile.State inspect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return DatabaseFile.inspect(channel);
        }
    }

    /** Both header blocks naming chunk {@code lastId} as the chunk written last, closed cleanly, then the chunks. */
    private static byte[] file(int lastId, Chunk... chunks) {
        int block = 2;
        int lastBlock = -1;
        for (Chunk chunk : chunks) {
            lastBlock = chunk.id == lastId ? block : lastBlock;
            block += chunk.blocks;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header(lastBlock, lastId, true));
        bytes.writeBytes(header(lastBlock, lastId, true));
        for (Chunk chunk : chunks) {
            bytes.writeBytes(chunk.bytes());
        }
        return bytes.toByteArray();
    }

    private static byte[] header(int block, int chunk, boolean clean) {
        String text = "H:2,block:" + Integer.toHexString(block) + ",blockSize:1000,chunk:" + Integer.toHexString(chunk)
                + (clean ? ",clean:1" : "") + ",created:1a232037222,format:3,version:" + Integer.toHexString(chunk)
                + ",fletcher:55752323\n";
        return Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), BLOCK);
    }

    /** A chunk of whole blocks: its header line, its pages, its footer. */
    private record Chunk(int id, int blocks) {

        byte[] bytes() {
            byte[] chunk = new byte[blocks * BLOCK];
            Arrays.fill(chunk, (byte) 0x5a);
            byte[] header = String.format("chunk:%x,len:%x,pages:15,max:3310,map:b3,version:%x,toc:29f2%n", id,
                    blocks, id).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(header, 0, chunk, 0, header.length);
            byte[] footer = footer(id, blocks);
            System.arraycopy(footer, 0, chunk, chunk.length - footer.length, footer.length);
            return chunk;
        }
    }

    private static byte[] footer(int id, int blocks) {
        byte[] footer = new byte[128];
        Arrays.fill(footer, (byte) ' ');
        byte[] text = String.format("chunk:%x,len:%x,version:%x,fletcher:2dd5dd8c", id, blocks, id)
                .getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, footer, 0, text.length);
        footer[127] = '\n';
        return footer;
    }
}
