package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store opened on a thread of its own (as commands that train open theirs) behaves as one opened at once. */
class BackgroundOpeningTest {

    @TempDir
    Path directory;

    @Test
    void everyUseWaitsForTheOpeningAndItsFollowUpWhichRunsOnTheOpeningThreadAndMayUseTheStore() throws Exception {
        StoreLocation location = new StoreLocation(directory.resolve("store"));
        AtomicReference<String> followUp = new AtomicReference<>();
        try (Database database = Database.openInBackground(location, true, opened -> {
            sleep(300); // long enough for the caller below to ask first
            try (Connection connection = opened.connect()) {
                connection.createStatement().execute("CREATE TABLE marker (id INT)");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            followUp.set(Thread.currentThread().getName());
        })) {
            try (Connection connection = database.connect(); ResultSet tables = connection.getMetaData()
                    .getTables(null, null, "MARKER", null)) {
                assertTrue(tables.next(), "the follow-up had run when the first connection was handed out");
            }
            assertEquals("trainyard-store-open", followUp.get());
            assertFalse(database.readOnly());
            database.requireWritable();
        }
        try (Database again = new Database(location)) {
            assertFalse(again.readOnly(), "closed cleanly: the file opens again");
        }
    }

    @Test
    void aStoreThatCannotBeOpenedIsReportedByEveryUseAsAtOnceAndItsFileIsUntouched() throws Exception {
        StoreLocation location = new StoreLocation(directory.resolve("store"));
        new Database(location).close();
        Path file = location.databaseFile();
        byte[] damaged = Arrays.copyOf(Files.readAllBytes(file), 4096);
        Files.write(file, damaged);
        String atOnce = assertThrows(StoreException.class, () -> new Database(location)).getMessage();

        Database database = Database.openInBackground(location, true, opened -> { });
        assertEquals(atOnce, assertThrows(StoreException.class, database::connect).getMessage());
        assertEquals(atOnce, assertThrows(StoreException.class, database::requireWritable).getMessage());
        assertEquals(atOnce, assertThrows(StoreException.class, database::readOnly).getMessage());
        database.close(); // says nothing: the command has reported what went wrong, or never needed the store
        assertArrayEquals(damaged, Files.readAllBytes(file));
    }

    @Test
    void aFollowUpThatFailsIsReportedByEveryUseAsAStoreError() {
        StoreLocation location = new StoreLocation(directory.resolve("store"));
        try (Database database = Database.openInBackground(location, true, opened -> {
            throw new IllegalStateException("disk on fire");
        })) {
            StoreException failure = assertThrows(StoreException.class, database::connect);
            assertEquals("cannot open the store " + location.describe()
                    + ": java.lang.IllegalStateException: disk on fire", failure.getMessage());
        }
    }

    @Test
    void closingAStoreStillOpeningWaitsForItAndLeavesItClosed() throws Exception {
        StoreLocation location = new StoreLocation(directory.resolve("store"));
        Database.openInBackground(location, true, opened -> sleep(200)).close();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("trainyard-store-open")) {
                thread.join(); // had close() not waited, the opening would end after it, holding the file
            }
        }
        assertFalse(Files.exists(location.directory().resolve(StoreServer.PORT_FILE)), "no server left published");
        try (Database next = new Database(location); Connection connection = next.connect()) {
            assertTrue(connection.isValid(1), "the next process holds the file itself");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
