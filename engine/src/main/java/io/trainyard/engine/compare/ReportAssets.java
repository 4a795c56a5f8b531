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

    /** The dashboard's links to its pages, at the top of each of them and of a report it serves. */
    public static final String NAVIGATION = "<nav><a href=\"/\">Runs</a> <a href=\"/sweeps\">Sweeps</a></nav>\n";

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
    /** The WebJar says its version, so that the dependency's version is written in the POM alone. */
    private static final String UPLOT_VERSION = uplotVersion();

    private ReportAssets() {
    }

    /** The file's text; one of {@link #STYLES} or {@link #SCRIPTS}. */
    public static String text(String name) {
        return read(name.startsWith("uPlot") ? WEBJAR + UPLOT_VERSION + "/dist/" + name
                : "io/trainyard/engine/compare/" + name);
    }

    /** Links to the style sheets as the dashboard serves them (under /static/), then to {@code more} of its own. */
    public static String styleLinks(String... more) {
        StringBuilder html = new StringBuilder();
        for (String sheet : concat(STYLES, more)) {
            html.append("<link rel=\"stylesheet\" href=\"/static/").append(sheet).append("\">");
        }
        return html.toString();
    }

    /** Script elements for the scripts as the dashboard serves them, then for {@code more} of its own. */
    public static String scriptElements(String... more) {
        StringBuilder html = new StringBuilder();
        for (String script : concat(SCRIPTS, more)) {
            html.append("<script src=\"/static/").append(script).append("\"></script>");
        }
        return html.toString();
    }

    private static List<String> concat(List<String> files, String... more) {
        List<String> all = new java.util.ArrayList<>(files);
        all.addAll(List.of(more));
        return all;
    }

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
