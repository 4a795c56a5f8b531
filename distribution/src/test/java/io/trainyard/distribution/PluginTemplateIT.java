package io.trainyard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin template as an author uses it: example-plugin copied out of the repository and built on its own, with a
 * local repository that holds nothing but Trainyard's artifacts (as 'mvnw install' puts them there); everything else
 * it needs comes from a mirror standing in for Maven Central (this machine's Maven cache, read as a remote
 * repository), so an artifact the template forgot to ask for fails the build here as it would for the author.
 */
class PluginTemplateIT {

    private static final String VERSION = System.getProperty("trainyard.expected-version");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    @Test
    void theTemplateBuildsTestsAndPackagesAPluginOutsideTheRepository() throws Exception {
        Path repository = directory.resolve("repository");
        install(repository, "trainyard-parent", ROOT.resolve("pom.xml"), null);
        install(repository, "trainyard-bom", ROOT.resolve("bom/pom.xml"), null);
        for (String module : new String[] {"api", "testkit", "engine", "plugins"}) {
            Path folder = ROOT.resolve(module);
            install(repository, "trainyard-" + module, folder.resolve("pom.xml"),
                    folder.resolve("target/trainyard-" + module + "-" + VERSION + ".jar"));
        }
        Path project = directory.resolve("my-plugin");
        copyTree(ROOT.resolve("example-plugin"), project);
        Path settings = Files.writeString(directory.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>central-stand-in</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(Path.of(System.getProperty("maven.cache")).toUri()));

        ProcessBuilder maven = new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-B", "-q", "-s",
                settings.toString(), "-Dmaven.repo.local=" + repository, "-f", project.resolve("pom.xml").toString(),
                "verify").directory(ROOT.toFile()).redirectErrorStream(true);
        maven.environment().put("JAVA_HOME", System.getProperty("java.home"));
        maven.environment().put("TRAINYARD_CACHE", directory.resolve("cache").toString()); // not the user's
        maven.environment().remove("MAVEN_OPTS");
        Path log = directory.resolve("maven.log");
        Process process = maven.redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(15, TimeUnit.MINUTES), "the template's build did not finish");
        assertEquals(0, process.exitValue(), Files.readString(log));

        Path jar = project.resolve("target/trainyard-example-plugin-1.0.0.jar");
        try (JarFile built = new JarFile(jar.toFile())) {
            assertEquals("1.0.0", built.getManifest().getMainAttributes().getValue("Implementation-Version"),
                    "the version that 'trainyard plugins' shows and runs record");
            assertTrue(built.getEntry("META-INF/services/io.trainyard.api.loss.LossFactory") != null);
            assertTrue(built.getEntry("io/trainyard/api/Plugin.class") == null, "the API is provided, not bundled");
        }
        try (Stream<Path> reports = Files.list(project.resolve("target/failsafe-reports"))) {
            assertTrue(reports.anyMatch(report -> report.getFileName().toString().equals(
                    "TEST-com.example.trainyard.ExamplePluginIT.xml")), "its end-to-end test ran");
        }
        try (Stream<Path> reports = Files.list(project.resolve("target/surefire-reports"))) {
            assertTrue(reports.filter(report -> report.getFileName().toString().endsWith(".xml")).count() >= 3,
                    "its unit tests ran");
        }
    }

    /** An artifact where 'mvnw install' puts it: the POM, and the jar unless it is a POM of its own. */
    private static void install(Path repository, String artifact, Path pom, Path jar) throws IOException {
        Path folder = Files.createDirectories(repository.resolve("io/trainyard").resolve(artifact).resolve(VERSION));
        Files.copy(pom, folder.resolve(artifact + "-" + VERSION + ".pom"));
        if (jar != null) {
            assertTrue(Files.isRegularFile(jar), "package the reactor first: " + jar);
            Files.copy(jar, folder.resolve(artifact + "-" + VERSION + ".jar"));
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(file -> !source.relativize(file).startsWith("target")).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
