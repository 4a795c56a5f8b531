package io.trainyard.engine.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar the way a third party would: Java sources compiled against the test class path and a
 * {@code META-INF/services} file per service interface.
 */
public final class PluginJar {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();

    /** Adds a class, e.g. {@code source("com.example.MyLoss", "package com.example; ...")}. */
    public PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Lists implementation class names (existing or not) under a service interface. */
    public PluginJar service(Class<?> serviceInterface, String... implementations) {
        services.computeIfAbsent(serviceInterface.getName(), k -> new ArrayList<>()).addAll(List.of(implementations));
        return this;
    }

    public Path write(Path jar) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "plugin-src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString()));
            arguments.addAll(files);
            if (compiler.run(null, null, null, arguments.toArray(new String[0])) != 0) {
                throw new IllegalStateException("test plugin sources do not compile");
            }
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, List<String>> service : services.entrySet()) {
                entry(out, "META-INF/services/" + service.getKey(),
                        (String.join("\n", service.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    entry(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        return jar;
    }

    private static void entry(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(content);
        out.closeEntry();
    }

    /** Source of a loss factory named {@code name} whose constructor optionally throws. */
    public static String lossFactory(String className, String name, boolean constructorThrows) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n"
                + "public final class " + className.substring(dot + 1)
                + " implements io.trainyard.api.loss.LossFactory {\n"
                + "  public " + className.substring(dot + 1) + "() {\n"
                + (constructorThrows ? "    throw new IllegalStateException(\"no licence key\");\n" : "")
                + "  }\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return \"test loss\"; }\n"
                + "  public io.trainyard.api.loss.Loss create(io.trainyard.api.PluginConfig config) {\n"
                + "    return (predictions, targets, gradient) -> 0.0;\n"
                + "  }\n"
                + "}\n";
    }
}
