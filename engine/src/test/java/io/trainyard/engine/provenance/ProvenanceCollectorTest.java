package io.trainyard.engine.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.config.ExperimentResolver;
import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.testing.Experiments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceCollectorTest {

    @TempDir
    Path directory;

    private final PluginRegistry registry = Experiments.registry();

    @Test
    void recordsTheCommitAndWhetherTheCheckoutHadLocalEdits() throws Exception {
        Path file = Files.writeString(directory.resolve("blobs.yaml"), Files.readString(Experiments.blobsFile()));
        git("init", "-q");
        git("add", "blobs.yaml");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        String head = new String(git("rev-parse", "HEAD")).trim();

        Map<String, String> clean = collect(file);
        assertEquals(head, clean.get("git.commit"));
        assertEquals("false", clean.get("git.dirty"));
        assertEquals(directory.toRealPath().toString(), clean.get("git.root"));

        Files.writeString(file, Files.readString(file) + "# tuned\n");
        Map<String, String> edited = collect(file);
        assertEquals(head, edited.get("git.commit"));
        assertEquals("true", edited.get("git.dirty"));
        assertNotEquals(clean.get("git.diff_sha256"), edited.get("git.diff_sha256"));
        assertNotEquals(clean.get("experiment.sha256"), edited.get("experiment.sha256"));
    }

    @Test
    void recordsTheMachineLibrariesPluginsDataAndSeed() throws Exception {
        Path file = Files.writeString(directory.resolve("blobs.yaml"), Files.readString(Experiments.blobsFile()));
        Map<String, String> facts = collect(file);
        assertFalse(facts.containsKey("git.commit"), "not in a checkout: " + facts);
        assertEquals(System.getProperty("java.version"), facts.get("java.version"));
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), facts.get("cpu.cores"));
        assertTrue(facts.get("nd4j.backend").contains("CpuBackend"), facts.get("nd4j.backend"));
        assertEquals("7", facts.get("seed"));
        assertEquals("1", facts.get("threads.blas"), "whatever the run's threads");
        assertEquals("[\"epochs=2\"]", facts.get("experiment.overrides"));
        assertEquals(Long.toString(io.trainyard.engine.training.Seeds.derive(7, "data.shuffle")),
                facts.get("seed.data.shuffle"));
        assertTrue(facts.containsKey("seed.model.init"));
        assertEquals("blobs", facts.get("dataset.name"));
        assertTrue(facts.get("plugin.optimizer.sgd").endsWith(", \"io.trainyard.plugins.optim.SgdFactory\","
                + " \"built-in\"]"), facts.get("plugin.optimizer.sgd"));
        assertEquals(registry.all().size(), facts.keySet().stream().filter(key -> key.startsWith("plugin.")).count());
    }

    @Test
    void storedFactsReadBackToTheSameTypedProvenance() throws Exception {
        Path file = Files.copy(Experiments.blobsFile(), directory.resolve("blobs.yaml"));
        Experiment experiment = new ExperimentResolver(registry).resolve(ExperimentFile.read(file), List.of());
        List<String> awkward = List.of("name=a, b", "note=\"quoted\"\nsecond line", "model.hidden=[256, 128]", "x=");
        Provenance collected;
        try (GitState.Pending git = ProvenanceCollector.startGit(file)) {
            collected = new ProvenanceCollector(registry).collect(experiment,
                    Experiments.assemble(experiment).dataset(), awkward, git);
        }
        assertEquals(collected, Provenance.of(collected.facts()));
        assertEquals(awkward, Provenance.of(collected.facts()).overrides());
        assertEquals("built-in", collected.plugin("optimizer", "sgd").orElseThrow().origin());

        Provenance withSpaces = Provenance.of(List.of(), java.util.Optional.empty(), List.of(new Provenance.PluginFact(
                "loss", "margin", "1.10", "com.example.Margin", "/opt/my plugins/margin 2.jar")), Map.of());
        assertEquals(withSpaces, Provenance.of(withSpaces.facts()), "a version like 1.10 stays text, a path keeps"
                + " its spaces");
    }

    @Test
    void factsStoredByEarlierVersionsAreReadToo() {
        Provenance old = Provenance.of(Map.of("experiment.overrides", "epochs=2\noptimizer.lr=0.1",
                "plugin.optimizer.sgd", "0.1.0 io.trainyard.plugins.optim.SgdFactory /opt/my plugins/p.jar",
                "git.commit", "abc", "git.root", "/src", "git.dirty", "true", "git.diff_sha256", "d"));
        assertEquals(List.of("epochs=2", "optimizer.lr=0.1"), old.overrides());
        assertEquals(new Provenance.PluginFact("optimizer", "sgd", "0.1.0", "io.trainyard.plugins.optim.SgdFactory",
                "/opt/my plugins/p.jar"), old.plugin("optimizer", "sgd").orElseThrow());
        assertEquals(new GitState("/src", "abc", true, "d"), old.git().orElseThrow());
        assertEquals(List.of(), Provenance.of(Map.of("experiment.overrides", "")).overrides());
    }

    private Map<String, String> collect(Path file) {
        Experiment experiment = new ExperimentResolver(registry).resolve(ExperimentFile.read(file), List.of());
        try (GitState.Pending git = ProvenanceCollector.startGit(file)) {
            return new ProvenanceCollector(registry).collect(experiment, Experiments.assemble(experiment).dataset(),
                    List.of("epochs=2"), git).facts();
        }
    }

    private byte[] git(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(output));
        return output;
    }
}
