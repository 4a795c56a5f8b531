package io.trainyard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.testkit.IdxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives 'package' made, used as a person on another machine would: unpacked into a fresh directory and run
 * with nothing but a JDK (a home of its own, so no Maven cache and no settings of this machine's).
 */
class DistributionIT {

    private static final String VERSION = System.getProperty("trainyard.expected-version");

    @TempDir
    static Path directory;

    private static Path unpacked;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of("target", "trainyard-" + VERSION + ".tar.gz").toAbsolutePath();
        assertTrue(Files.isRegularFile(archive), "package the module first: " + archive);
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", directory.toString())
                .redirectErrorStream(true).start();
        assertTrue(tar.waitFor(120, TimeUnit.SECONDS) && tar.exitValue() == 0,
                new String(tar.getInputStream().readAllBytes()));
        unpacked = directory.resolve("trainyard-" + VERSION);
        Files.createDirectories(directory.resolve("home"));
    }

    @Test
    void theUnpackedDistributionRunsTheReferenceRecipeWithOnlyAJdk() throws Exception {
        Path data = IdxFiles.fashionMnist(directory.resolve("data"), 64, 32);
        Result run = trainyard(javaEnvironment(), "run", unpacked.resolve("experiments/fashion-mnist-sgd.yaml")
                .toString(), "--set", "epochs=2", "--data", data.toString());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("FINISHED"), run.output());

        Result listed = trainyard(javaEnvironment(), "runs", "--format", "json");
        assertEquals(0, listed.exitCode(), listed.output());
        JsonArray runs = JsonParser.parseString(listed.output()).getAsJsonArray();
        assertEquals(1, runs.size(), listed.output());
        JsonObject recorded = runs.get(0).getAsJsonObject();
        assertEquals("FINISHED", recorded.get("status").getAsString());
        assertEquals(2, recorded.get("epochs").getAsInt());
        assertTrue(Files.isDirectory(directory.resolve("work/trainyard-runs")), "the default store, in the working"
                + " directory");

        String id = recorded.get("run_id").getAsString();
        JsonObject shown = JsonParser.parseString(trainyard(javaEnvironment(), "show", id, "--format", "json")
                .output()).getAsJsonObject();
        assertEquals(VERSION, shown.getAsJsonObject("provenance").get("trainyard.version").getAsString(),
                "the version of the build, recorded");
    }

    @Test
    void everyCommandPrintsTheBuildsVersion() throws Exception {
        for (String[] command : new String[][] {{"--version"}, {"runs", "--version"}}) {
            Result version = trainyard(javaEnvironment(), command);
            assertEquals(0, version.exitCode(), version.output());
            assertTrue(version.output().strip().endsWith(VERSION), version.output());
        }
    }

    @Test
    void theLaunchersCollectorGivesWayToOneTheUserNames() throws Exception {
        Map<String, String> environment = javaEnvironment();
        environment.put("TRAINYARD_JAVA_OPTS", "-XX:+UseG1GC -Xlog:gc:stdout");
        Result chosen = trainyard(environment, "--version");
        assertEquals(0, chosen.exitCode(), chosen.output());
        assertTrue(chosen.output().contains("Using G1"), chosen.output());
        environment.put("TRAINYARD_JAVA_OPTS", "-Xlog:gc:stdout");
        Result standard = trainyard(environment, "--version");
        assertTrue(standard.output().contains("Using Serial"), standard.output());
    }

    @Test
    void theFirstStartMakesThisJdksClassDataSharingArchivesAndLaterStartsMapThem() throws Exception {
        Map<String, String> environment = javaEnvironment();
        Path cache = directory.resolve("cds-cache");
        environment.put("TRAINYARD_CACHE", cache.toString());
        Result first = trainyard(environment, "--version");
        assertEquals(0, first.exitCode(), first.output());
        assertEquals(List.of("trainyard: preparing class-data sharing for this Java, once (a few seconds)...",
                "Trainyard " + VERSION), first.output().strip().lines().toList());
        List<Path> archives;
        try (Stream<Path> files = Files.walk(cache)) {
            archives = files.filter(file -> file.toString().endsWith(".jsa")).sorted().toList();
        }
        assertEquals(List.of("read.jsa", "training.jsa"), archives.stream().map(file -> file.getFileName().toString())
                .toList(), "one folder for this installation and this JDK: " + archives);

        // Later starts say nothing more and load Trainyard's classes from the archive of their kind.
        Path classes = directory.resolve("classes.log");
        environment.put("TRAINYARD_JAVA_OPTS", "-Xlog:class+load:file=" + classes);
        Result read = trainyard(environment, "--version");
        assertEquals("Trainyard " + VERSION, read.output().strip());
        assertTrue(Files.readString(classes).contains("io.trainyard.engine.cli.Main source: shared objects file"));
        Path data = IdxFiles.fashionMnist(directory.resolve("cds-data"), 64, 32);
        Result training = trainyard(environment, "run", unpacked.resolve("experiments/fashion-mnist-sgd.yaml")
                .toString(), "--set", "epochs=1", "--data", data.toString(), "--store",
                directory.resolve("cds-store").toString());
        assertEquals(0, training.exitCode(), training.output());
        assertTrue(Files.readString(classes).contains("org.nd4j.linalg.factory.Nd4j source: shared objects file"),
                "the training archive holds ND4J's classes");
    }

    @Test
    void aCacheThatCannotBeWrittenLeavesCommandsStartingWithoutArchives() throws Exception {
        Map<String, String> environment = javaEnvironment();
        Path notADirectory = Files.writeString(directory.resolve("cache-is-a-file"), "");
        environment.put("TRAINYARD_CACHE", notADirectory.toString());
        for (int start = 0; start < 2; start++) {
            Result version = trainyard(environment, "--version");
            assertEquals(new Result(0, "Trainyard " + VERSION + "\n"), version);
        }
    }

    @Test
    void withoutJavaTheLauncherSaysWhatToInstallInOneLine() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", directory.resolve("home").toString());
        environment.put("PATH", "/usr/bin:/bin");
        Path noJava = Files.createDirectories(directory.resolve("no-java/bin"));
        environment.put("JAVA_HOME", noJava.getParent().toString());
        Result result = trainyard(environment, "--version");
        assertEquals(2, result.exitCode(), result.output());
        assertEquals(1, result.output().strip().lines().count(), result.output());
        assertTrue(result.output().startsWith("trainyard: no Java found; install a JDK 17 or newer"), result.output());
    }

    @Test
    void anOlderJavaIsRefusedByItsReleaseFileBeforeItStarts() throws Exception {
        Path jdk = Files.createDirectories(directory.resolve("old-jdk/bin")).getParent();
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho started\n");
        assertTrue(java.toFile().setExecutable(true));
        // Through a link, as /usr/bin/java is: the release file is the real JDK's.
        Path linked = Files.createDirectories(directory.resolve("linked-jdk/bin")).getParent();
        Files.createSymbolicLink(linked.resolve("bin/java"), java);
        Map<String, String> environment = javaEnvironment();
        environment.put("JAVA_HOME", linked.toString());
        for (String release : List.of("JAVA_VERSION=\"11.0.2\"", "JAVA_VERSION=\"1.8.0_292\"")) {
            Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\n" + release + "\nOS_NAME=\"Linux\"\n");
            Result result = trainyard(environment, "--version");
            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().startsWith("trainyard: needs Java 17 or newer"), result.output());
        }
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"21.0.1\"\n");
        assertEquals(new Result(0, "started\n"), trainyard(environment, "--version"));
    }

    @Test
    void theArchivesHoldTheLaunchersTheJarsAndTheDocsButNoTestLibraries() throws Exception {
        List<String> lib;
        try (Stream<Path> jars = Files.list(unpacked.resolve("lib"))) {
            lib = jars.map(jar -> jar.getFileName().toString()).sorted().toList();
        }
        for (String expected : new String[] {"trainyard-engine-" + VERSION + ".jar",
            "trainyard-plugins-" + VERSION + ".jar", "trainyard-api-" + VERSION + ".jar"}) {
            assertTrue(lib.contains(expected), expected + " in " + lib);
        }
        assertTrue(lib.stream().anyMatch(jar -> jar.matches("nd4j-native-.*-linux-x86_64\\.jar")), lib.toString());
        assertTrue(lib.stream().noneMatch(jar -> jar.startsWith("junit") || jar.startsWith("trainyard-testkit")),
                lib.toString());
        assertTrue(Files.isExecutable(unpacked.resolve("bin/trainyard")));
        for (String file : new String[] {"README.md", "LICENSE", "docs/plugins.md", "experiments/fashion-mnist-sgd.yaml",
            "bin/trainyard.cmd", "lib/cds/read.classlist", "lib/cds/training.classlist"}) {
            assertTrue(Files.isRegularFile(unpacked.resolve(file)), file);
        }
        List<String> zipped = new ArrayList<>();
        try (ZipFile zip = new ZipFile(Path.of("target", "trainyard-" + VERSION + ".zip").toFile())) {
            zip.stream().forEach(entry -> zipped.add(entry.getName()));
        }
        assertTrue(zipped.contains("trainyard-" + VERSION + "/bin/trainyard"), "the zip has the same layout");
        assertTrue(zipped.contains("trainyard-" + VERSION + "/lib/trainyard-engine-" + VERSION + ".jar"));
    }

    /** The JDK running this test and a home of its own; nothing else from this machine's environment. */
    private static Map<String, String> javaEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", directory.resolve("home").toString());
        // Java takes the home directory from the system, not HOME: the cache would be the user's.
        environment.put("TRAINYARD_CACHE", directory.resolve("cache").toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("PATH", "/usr/bin:/bin");
        return environment;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result trainyard(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(unpacked.resolve("bin/trainyard").toString()));
        command.addAll(List.of(arguments));
        // Started elsewhere than where it was unpacked: it finds its jars from its own path.
        Path work = Files.createDirectories(directory.resolve("work"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path log = Files.createTempFile(directory, "trainyard", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "trainyard did not finish");
        return new Result(process.exitValue(), Files.readString(log));
    }
}
