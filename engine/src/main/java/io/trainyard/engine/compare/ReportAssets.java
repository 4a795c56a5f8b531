package io.trainyard.engine.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/** The report's styles and scripts by file name: uPlot's from its WebJar, the report's own from this package. */
public final class ReportAssets {

    /** The style sheets, in the order a page loads them. */
    public static final List<String> STYLES = List.of("uPlot.min.css", "report.css");
    /** The scripts, in the order a page runs them: uPlot, then the report's, which uses it. */
    public static final List<String> SCRIPTS = List.of("uPlot.iife.min.js", "report.js");

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";

    private ReportAssets() {
    }

    /** The file's text; one of {@link #STYLES} or {@link #SCRIPTS}. */
    public static String text(String name) {
        return read(name.startsWith("uPlot") ? WEBJAR + uplotVersion() + "/dist/" + name
                : "io/trainyard/engine/compare/" + name);
    }

    /** The WebJar says its version, so that the dependency's version is written in the POM alone. */
    private static String uplotVersion() {
        Properties pom = new Properties();
        try (InputStream in = open("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    /** A resource of the engine's class path as text. */
    public static String read(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) throws IOException {
        InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("the resource " + path + " is missing from the build");
        }
        return in;
    }
}
