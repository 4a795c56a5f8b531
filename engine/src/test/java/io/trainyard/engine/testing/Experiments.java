package io.trainyard.engine.testing;

import io.trainyard.api.data.DatasetContext;
import io.trainyard.engine.config.Experiment;
import io.trainyard.engine.config.ExperimentFile;
import io.trainyard.engine.config.ExperimentResolver;
import io.trainyard.engine.plugin.PluginDiscovery;
import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.timing.Timeline;
import io.trainyard.engine.training.ExperimentAssembler;
import io.trainyard.engine.training.NativeStart;
import io.trainyard.engine.training.TrainingSetup;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The small test experiment ({@code blobs.yaml}: an MLP on Gaussian blobs), resolved and assembled. */
public final class Experiments {

    private Experiments() {
    }

    public static Path blobsFile() {
        try {
            return Path.of(Experiments.class.getResource("/blobs.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PluginRegistry registry() {
        return new PluginDiscovery(Experiments.class.getClassLoader()).discover();
    }

    public static Experiment blobs(String... overrides) {
        return new ExperimentResolver(registry()).resolve(ExperimentFile.read(blobsFile()), List.of(overrides));
    }

    public static TrainingSetup assemble(Experiment experiment) {
        PluginRegistry registry = registry();
        return new ExperimentAssembler(registry, new DatasetContext(Path.of("unused-cache")),
                new ExperimentResolver(registry), new PrintStream(OutputStream.nullOutputStream()), new Timeline(),
                new NativeStart())
                .assemble(experiment);
    }
}
