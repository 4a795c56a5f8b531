package io.trainyard.engine.provenance;

import io.trainyard.api.data.Dataset;
import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.tracking.Sha256;
import io.trainyard.engine.training.NativeBuild;
import io.trainyard.engine.training.Seeds;
import io.trainyard.engine.training.ThreadSettings;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers, once per run, the facts that decide whether a result can be reproduced: code version, the experiment
 * file, the JVM, the machine, the numeric libraries and thread settings, every plugin that could be loaded, the data
 * and the seed, as a {@link Provenance}. Keys are dotted ({@code git.commit}, {@code plugin.optimizer.sgd}).
 */
public final class ProvenanceCollector {

    private final PluginRegistry registry;

    @Inject
    public ProvenanceCollector(PluginRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param overrides the {@code --set} assignments of the command line, which a rerun repeats
     * @param git git's state of the experiment file's checkout, started before the data loaded
     *     ({@link #startGit})
     */
    public Provenance collect(Experiment experiment, Dataset dataset, List<String> overrides, GitState.Pending git) {
        Map<String, String> facts = new LinkedHashMap<>();
        Path file = experiment.file().toAbsolutePath();
        facts.put("experiment.file", file.toString());
        facts.put("experiment.sha256", Sha256.of(experiment.fileText().getBytes(StandardCharsets.UTF_8)));
        facts.putAll(machine());
        facts.put("nd4j.backend", Nd4j.getBackend().getClass().getName());
        facts.put("nd4j.version", mavenVersion("org.nd4j", "nd4j-api"));
        facts.put("blas.vendor", ThreadSettings.blasVendor());
        facts.put("nd4j.native", NativeBuild.loaded());
        facts.put("threads.blas", Integer.toString(ThreadSettings.NATIVE_THREADS));
        facts.put("threads.nd4j", Integer.toString(ThreadSettings.NATIVE_THREADS));
        List<Provenance.PluginFact> plugins = registry.all().stream().map(plugin -> new Provenance.PluginFact(
                plugin.kind().label(), plugin.name(), plugin.plugin().version(), plugin.className(),
                String.valueOf(plugin.origin()))).toList();
        facts.put("dataset.name", experiment.dataset().name());
        facts.put("dataset.train_size", Integer.toString(dataset.train().size()));
        facts.put("dataset.test_size", Integer.toString(dataset.test().size()));
        facts.put("dataset.sha256", dataset.sha256());
        facts.put("seed", Long.toString(experiment.seed()));
        Seeds.derived(experiment.seed()).forEach((purpose, seed) -> facts.put("seed." + purpose, Long.toString(seed)));
        return Provenance.of(overrides, git.result(), plugins, facts);
    }

    /** Starts reading git's state of the checkout that holds {@code experimentFile}, for {@link #collect}. */
    public static GitState.Pending startGit(Path experimentFile) {
        return GitState.start(experimentFile.toAbsolutePath().getParent());
    }

    /**
     * The facts of any run, whatever trained it: Trainyard's version, the JVM, the operating system and processor.
     */
    public static Map<String, String> machine() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("trainyard.version", TrainyardVersion.current());
        facts.put("java.version", System.getProperty("java.version"));
        facts.put("java.vendor", System.getProperty("java.vendor"));
        facts.put("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("cpu.model", cpuModel());
        facts.put("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return facts;
    }

    /**
     * The facts of a run that code of its own trained (the tracking API): the machine's, git's state of
     * {@code directory}, and what the code adds.
     */
    public static Map<String, String> ofOwnCode(Path directory, Map<String, String> extra) {
        Map<String, String> facts = machine();
        facts.putAll(extra);
        return Provenance.of(List.of(), GitState.of(directory), List.of(), facts).facts();
    }

    /** The version Maven wrote into a library's jar, for libraries whose manifest has none. */
    private static String mavenVersion(String group, String artifact) {
        Properties properties = new Properties();
        try (InputStream in = Nd4j.class.getClassLoader().getResourceAsStream(
                "META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // reported as unversioned
        }
        return properties.getProperty("version", "unversioned");
    }

    /** The first "model name" of /proc/cpuinfo (Linux), else the architecture the JVM reports. */
    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}
