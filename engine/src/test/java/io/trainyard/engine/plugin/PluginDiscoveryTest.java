package io.trainyard.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.loss.LossFactory;
import io.trainyard.engine.testing.PluginJar;
import java.nio.file.Files;
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
        assertEquals("built-in", registry.require(PluginKind.CALLBACK, "console-progress").origin());
        assertEquals(List.of(), registry.failures());
    }

    @Test
    void loadsAPluginFromAJarAndReportsItsOrigin() throws Exception {
        Path jar = new PluginJar()
                .source("com.example.HingeFactory", PluginJar.lossFactory("com.example.HingeFactory", "hinge", false))
                .service(LossFactory.class, "com.example.HingeFactory")
                .write(directory.resolve("hinge.jar"));
        PluginDescriptor hinge = discover().require(PluginKind.LOSS, "hinge");
        assertEquals("com.example.HingeFactory", hinge.className());
        assertEquals(jar.toString(), hinge.origin());
        assertEquals(1, discover().ofKind(PluginKind.LOSS).stream().filter(p -> p.name().equals("cross-entropy"))
                .count(), "a jar's loader must not list the built-in plugins again");
    }

    @Test
    void everyJarGetsItsOwnClassLoader() throws Exception {
        // Both jars hold a class com.example.Loss; each plugin must see its own.
        for (String name : List.of("first", "second")) {
            new PluginJar()
                    .source("com.example.Loss", PluginJar.lossFactory("com.example.Loss", name, false))
                    .service(LossFactory.class, "com.example.Loss")
                    .write(directory.resolve(name + ".jar"));
        }
        PluginRegistry registry = discover();
        Object first = registry.require(PluginKind.LOSS, "first").plugin();
        Object second = registry.require(PluginKind.LOSS, "second").plugin();
        assertNotSame(first.getClass(), second.getClass());
        assertNotSame(first.getClass().getClassLoader(), second.getClass().getClassLoader());
    }

    @Test
    void corruptJarIsReportedWithItsFileNameAndSkipped() throws Exception {
        Files.write(directory.resolve("broken.jar"), new byte[] {1, 2, 3, 4});
        PluginRegistry registry = discover();
        assertEquals("cross-entropy", registry.require(PluginKind.LOSS, "cross-entropy").name());
        assertEquals(1, registry.failures().size());
        assertEquals(directory.resolve("broken.jar").toString(), registry.failures().get(0).origin());
        assertTrue(registry.failures().get(0).reason().startsWith("not a readable jar file"),
                registry.failures().get(0).reason());
    }

    @Test
    void missingPluginDirectoryIsAnError() {
        TrainyardException error = assertThrows(TrainyardException.class, () -> new PluginDiscovery(
                getClass().getClassLoader(), List.of(directory.resolve("nope"))).discover());
        assertTrue(error.getMessage().startsWith("plugin directory " + directory.resolve("nope") + " does not exist"),
                error.getMessage());
    }

    @Test
    void brokenProvidersAreReportedAndSkippedWhileTheRestLoad() throws Exception {
        Path jar = new PluginJar()
                .source("com.example.Locked", PluginJar.lossFactory("com.example.Locked", "locked", true))
                .source("com.example.Good", PluginJar.lossFactory("com.example.Good", "good", false))
                .service(LossFactory.class, "com.example.Missing", "com.example.Locked", "com.example.Good")
                .write(directory.resolve("mixed.jar"));
        PluginRegistry registry = discover();
        assertEquals("good", registry.require(PluginKind.LOSS, "good").name());
        assertEquals("cross-entropy", registry.require(PluginKind.LOSS, "cross-entropy").name());
        List<LoadFailure> failures = registry.failures();
        assertEquals(2, failures.size(), failures.toString());
        assertEquals(jar.toString(), failures.get(0).origin());
        assertTrue(failures.get(0).reason().contains("com.example.Missing not found"), failures.get(0).reason());
        assertTrue(failures.get(1).reason().contains("com.example.Locked"), failures.get(1).reason());
        assertTrue(failures.get(1).reason().contains("no licence key"), failures.get(1).reason());
    }

    @Test
    void twoPluginsWithOneNameAreAnErrorNamingBothOrigins() throws Exception {
        new PluginJar()
                .source("com.example.OtherCrossEntropy",
                        PluginJar.lossFactory("com.example.OtherCrossEntropy", "cross-entropy", false))
                .service(LossFactory.class, "com.example.OtherCrossEntropy")
                .write(directory.resolve("clash.jar"));
        TrainyardException error = assertThrows(TrainyardException.class, this::discover);
        assertTrue(error.getMessage().startsWith("two loss plugins are named 'cross-entropy': "), error.getMessage());
        assertTrue(error.getMessage().contains("io.trainyard.plugins.loss.CrossEntropyLossFactory"),
                error.getMessage());
        assertTrue(error.getMessage().contains("com.example.OtherCrossEntropy"), error.getMessage());
        assertTrue(error.getMessage().contains("(built-in)"), error.getMessage());
        assertTrue(error.getMessage().contains("clash.jar"), error.getMessage());
    }

    @Test
    void twoJarsWithOnePluginNameAreAnErrorNamingBothJars() throws Exception {
        for (String jar : List.of("a.jar", "b.jar")) {
            new PluginJar()
                    .source("com.example.Hinge", PluginJar.lossFactory("com.example.Hinge", "hinge", false))
                    .service(LossFactory.class, "com.example.Hinge")
                    .write(directory.resolve(jar));
        }
        TrainyardException error = assertThrows(TrainyardException.class, this::discover);
        assertTrue(error.getMessage().contains(directory.resolve("a.jar") + ") and com.example.Hinge ("
                + directory.resolve("b.jar") + ")"), error.getMessage());
    }

    @Test
    void unknownNameListsTheAvailablePlugins() {
        PluginRegistry registry = new PluginDiscovery(getClass().getClassLoader()).discover();
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> registry.require(PluginKind.MODEL, "resnet"));
        assertEquals("unknown model 'resnet'; available: cnn, logistic-regression, mlp, sequential (see 'trainyard plugins')",
                error.getMessage());
    }

    private PluginRegistry discover() {
        return new PluginDiscovery(getClass().getClassLoader(), List.of(directory)).discover();
    }
}
