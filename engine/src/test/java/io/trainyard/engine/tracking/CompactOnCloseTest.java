package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process that trains compacts the store's H2 file when it closes it; one that reads does not (0.3 to 0.8 s). */
class CompactOnCloseTest {

    @TempDir
    Path directory;

    @Test
    void onlyAProcessThatTrainsLetsH2CompactOnClose() throws Exception {
        StoreLocation location = new StoreLocation(directory.resolve("store"));
        try (Database reading = new Database(location, false)) {
            assertEquals("0", maxCompactTime(reading));
        }
        try (Database training = new Database(location, true)) {
            assertEquals("200", maxCompactTime(training), "H2's default: compaction for up to 200 ms");
        }
    }

    private static String maxCompactTime(Database database) throws Exception {
        try (Connection connection = database.connect(); ResultSet setting = connection.createStatement().executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MAX_COMPACT_TIME'")) {
            setting.next();
            return setting.getString(1);
        }
    }
}
