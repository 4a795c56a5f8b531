package io.trainyard.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.engine.testing.PluginJar;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

    @TempDir
    Path directory;

    @Test
    void findsTheBuiltInPluginsOfEveryKind() {
        PluginRegistry registry = new PluginDiscovery(getClass().getClassLoader()).discover();
        assertEquals("cross-entropy", registry.require(PluginKind.LOSS, "cross-entropy").name());
        assertEquals("sgd", registry.require(PluginKind.OPTIMIZER, "sgd").name());
        assertEquals("mlp", registry.require(PluginKind.MODEL, "mlp").name());
        assertEquals("fashion-mnist", registry.require(PluginKind.DATASET, "fashion-mnist").name());
        PluginDescriptor progress = registry.require(PluginKind.CALLBACK, "console-progress");
        assertTrue(progress.origin().contains("plugins"), progress.origin());
        assertEquals(List.of(), registry.failures());
    }

    @Test
    void loadsAPluginFromAJarAndReportsItsOrigin() throws Exception {
        Path jar = new PluginJar()
                .source("com.example.HingeFactory", PluginJar.lossFactory("com.example.HingeFactory", "hinge", false))
                .service(LossFactory.class, "com.example.HingeFactory")
                .write(directory.resolve("hinge.jar"));
        PluginDescriptor hinge = discover(jar).require(PluginKind.LOSS, "hinge");
        assertEquals("com.example.HingeFactory", hinge.className());
        assertTrue(hinge.origin().endsWith("hinge.jar"), hinge.origin());
    }

    @Test
    void brokenProvidersAreReportedAndSkippedWhileTheRestLoad() throws Exception {
        Path jar = new PluginJar()
                .source("com.example.Locked", PluginJar.lossFactory("com.example.Locked", "locked", true))
                .source("com.example.Good", PluginJar.lossFactory("com.example.Good", "good", false))
                .service(LossFactory.class, "com.example.Missing", "com.example.Locked", "com.example.Good")
                .write(directory.resolve("mixed.jar"));
        PluginRegistry registry = discover(jar);
        assertEquals("good", registry.require(PluginKind.LOSS, "good").name());
        assertEquals("cross-entropy", registry.require(PluginKind.LOSS, "cross-entropy").name());
        List<LoadFailure> failures = registry.failures();
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(0).reason().contains("com.example.Missing not found"), failures.get(0).reason());
        assertTrue(failures.get(1).reason().contains("com.example.Locked"), failures.get(1).reason());
        assertTrue(failures.get(1).reason().contains("no licence key"), failures.get(1).reason());
    }

    @Test
    void twoPluginsWithOneNameAreAnErrorNamingBothClasses() throws Exception {
        Path jar = new PluginJar()
                .source("com.example.OtherCrossEntropy",
                        PluginJar.lossFactory("com.example.OtherCrossEntropy", "cross-entropy", false))
                .service(LossFactory.class, "com.example.OtherCrossEntropy")
                .write(directory.resolve("clash.jar"));
        TrainyardException error = assertThrows(TrainyardException.class, () -> discover(jar));
        assertTrue(error.getMessage().startsWith("two loss plugins are named 'cross-entropy': "), error.getMessage());
        assertTrue(error.getMessage().contains("io.trainyard.plugins.loss.CrossEntropyLossFactory"),
                error.getMessage());
        assertTrue(error.getMessage().contains("com.example.OtherCrossEntropy"), error.getMessage());
        assertTrue(error.getMessage().contains("clash.jar"), error.getMessage());
    }

    @Test
    void unknownNameListsTheAvailablePlugins() {
        PluginRegistry registry = new PluginDiscovery(getClass().getClassLoader()).discover();
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> registry.require(PluginKind.MODEL, "resnet"));
        assertEquals("unknown model 'resnet'; available: logistic-regression, mlp (see 'trainyard plugins')",
                error.getMessage());
    }

    private PluginRegistry discover(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            return new PluginDiscovery(loader).discover();
        }
    }
}
