package io.trainyard.engine.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * The class loader of one plugin jar. Classes the jar lacks (the api, ND4J) come from the engine's loader, but its
 * resources, the {@code META-INF/services} files among them, are the jar's own: otherwise {@link
 * java.util.ServiceLoader} would list every built-in plugin again under the jar's name.
 */
final class PluginJarLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    PluginJarLoader(Path jar, ClassLoader parent) throws IOException {
        super(jar.getFileName().toString(), new URL[] {jar.toUri().toURL()}, parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return findResources(name);
    }
}
