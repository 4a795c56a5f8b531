package io.trainyard.engine.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A new store's database as Flyway's migrations leave it, made once when Trainyard is built ({@link #main}) and
 * copied into each new store directory: migrating every new store at its first open took 0.4-0.5 s of a first run's
 * start on two cores (Flyway starting, then twelve migrations one after the other). Its history table is the one
 * Flyway wrote as it migrated the template, so a later Trainyard's migrations apply to a store made from it as to
 * any other (only their dates are the build's).
 *
 * <p>Its password is empty, as the password of a store made before secrets existed: the store's first open gives it
 * the store's secret the way it gives one to such a store ({@link Database}), before anything is served.
 */
public final class StoreTemplate {

    /** The template's file, beside this class in the engine's jar. */
    static final String RESOURCE = "new-store.mv.db";

    private StoreTemplate() {
    }

    /**
     * Puts the template at {@code file} unless a file is there already (another process made the store first: that
     * file is the store). The copy is written whole under a temporary name, then linked into place, so no process
     * ever opens half of it.
     *
     * @return false if this Trainyard has no template (its classes were not built by Maven): H2 and Flyway make the
     *     store then
     */
    static boolean placeAt(Path file) {
        try (InputStream template = StoreTemplate.class.getResourceAsStream(RESOURCE)) {
            if (template == null) {
                return false;
            }
            Path written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.copy(template, written, StandardCopyOption.REPLACE_EXISTING);
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException e) {
                // Another process's new store, made meanwhile: opened as it is.
            } finally {
                Files.deleteIfExists(written);
            }
            return true;
        } catch (IOException e) {
            throw new StoreException("cannot create the store's database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The build's step: makes the template at the path given, which ends in {@code .mv.db} as H2 names its files,
     * afresh from this Trainyard's migrations.
     */
    public static void main(String[] args) throws IOException, SQLException {
        Path target = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        String url = "jdbc:h2:file:" + target.toString().replaceFirst("\\.mv\\.db$", "");
        Schema.flyway(url, Database.USER, "", Dialect.H2).migrate();
        try (Connection connection = DriverManager.getConnection(url, Database.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
    }
}
