package io.trainyard.engine.testing;

import io.trainyard.engine.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code trainyard} commands in-process against one store, capturing output. */
public final class Cli {

    private final String store;
    private final Map<String, String> environment;

    public Cli(Path store, Path cache) {
        this(new StoreBackend.Store(store.toString(), Map.of()), cache);
    }

    /** Commands against {@code store}, on any backend. */
    public Cli(StoreBackend.Store store, Path cache) {
        this.store = store.option();
        this.environment = store.environment(Map.of("TRAINYARD_CACHE", cache.toString()));
    }

    /** What one command printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(store);
        int code = Main.execute(all.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
