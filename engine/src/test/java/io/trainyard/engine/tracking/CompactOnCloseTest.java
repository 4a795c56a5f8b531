package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that trains compacts the store's H2 file when it closes it, once the file is mostly dead space; one that
 * reads never does (0.3 to 0.8 s on a store of 1 000 runs).
 */
class CompactOnCloseTest {

    @TempDir
    Path directory;

    @Test
    void onlyAProcessThatTrainsLetsH2CompactOnCloseAndOnlyAFileMostlyDeadSpace() throws Exception {
        StoreLocation location = new StoreLocation(directory.resolve("store"));
        try (Database reading = new Database(location, false)) {
            assertEquals("0", setting(reading, "MAX_COMPACT_TIME"));
        }
        try (Database training = new Database(location, true)) {
            assertEquals("200", setting(training, "MAX_COMPACT_TIME"), "H2's default: compaction for up to 200 ms");
            assertEquals(Integer.toString(StoreLocation.COMPACT_BELOW_FILL_RATE),
                    setting(training, "AUTO_COMPACT_FILL_RATE"));
        }
    }

    /**
     * H2 counts the pages of deleted rows as dead at once, yet the process that deleted them leaves their chunks in
     * place (its file grows): the next process that trains compacts them when it closes the file.
     */
    @Test
    void aTrainingProcessShrinksAFileThatIsMostlyDeadSpaceOnCloseAndAReadingProcessLeavesIt() throws Exception {
        StoreLocation location = new StoreLocation(directory.resolve("store"));
        long empty;
        try (Database training = new Database(location, true)) {
            empty = fileSizeAfterCommit(training, location);
            try (Connection connection = training.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE scratch (id INT PRIMARY KEY, data VARBINARY(4096))");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scratch VALUES (?, ?)")) {
                    for (int i = 0; i < 4_000; i++) {
                        insert.setInt(1, i);
                        insert.setBytes(2, new byte[4096]);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                statement.execute("DELETE FROM scratch");
            }
        }
        long deadSpace = Files.size(location.databaseFile());
        assertTrue(deadSpace > empty + 16_000_000, "16 MB written, then deleted: " + empty + " -> " + deadSpace);
        try (Database reading = new Database(location, false)) {
            assertEquals("0", setting(reading, "info.CHUNKS_FILL_RATE"), "nothing live in the chunks written");
        }
        assertEquals(deadSpace, Files.size(location.databaseFile()), "a reading process never compacts");
        try (Database training = new Database(location, true)) {
            assertEquals(deadSpace, fileSizeAfterCommit(training, location));
        }
        long compacted = Files.size(location.databaseFile());
        assertTrue(compacted < empty + 2_000_000, "the dead space went on close: " + deadSpace + " -> " + compacted);
    }

    private static long fileSizeAfterCommit(Database database, StoreLocation location) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
        return Files.size(location.databaseFile());
    }

    private static String setting(Database database, String name) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            select.setString(1, name);
            try (ResultSet setting = select.executeQuery()) {
                setting.next();
                return setting.getString(1);
            }
        }
    }
}
