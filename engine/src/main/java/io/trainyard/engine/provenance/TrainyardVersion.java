package io.trainyard.engine.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This Trainyard's version, as the build wrote it ({@code trainyard-version.properties}, filtered by Maven): what
 * {@code --version} prints and every run records, whether the engine runs from its jar or from its classes.
 */
public final class TrainyardVersion {

    private static final String CURRENT = read();

    private TrainyardVersion() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = TrainyardVersion.class.getResourceAsStream("/trainyard-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("the build did not write trainyard-version.properties");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
