package io.trainyard.engine.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * What the repository's launcher runs once per build, under {@code -XX:DumpLoadedClassList}, to list the classes a
 * command that trains loads, for the class-data sharing archive such commands start from (the launcher says why).
 * It trains one epoch of each experiment file given on a Fashion-MNIST of 64 generated images, with its store, cache
 * and data in a scratch directory of its own; its output is of no interest, only the classes it loads.
 */
public final class ArchiveWorkload {

    private static final int SAMPLES = 64;
    private static final int SIDE = 28;

    private ArchiveWorkload() {
    }

    /** Arguments: the scratch directory, then experiment files. */
    public static void main(String[] args) throws IOException {
        Path scratch = Path.of(args[0]);
        int failed = run(scratch, List.of(args).subList(1, args.length), System.getenv());
        System.exit(failed);
    }

    /** Runs each experiment; returns how many failed. */
    static int run(Path scratch, List<String> experiments, Map<String, String> environment) throws IOException {
        Path data = fashionMnist(scratch.resolve("data"));
        Map<String, String> scratchEnvironment = new HashMap<>(environment);
        scratchEnvironment.put("TRAINYARD_CACHE", scratch.resolve("cache").toString());
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        int failed = 0;
        for (String experiment : experiments) {
            int code = Main.execute(new String[] {"run", experiment, "--data", data.toString(), "--set", "epochs=1",
                "--store", scratch.resolve("store").toString()}, discard, discard, scratchEnvironment);
            failed += code == 0 ? 0 : 1;
        }
        return failed;
    }

    /** The four Fashion-MNIST files, each split of {@link #SAMPLES} images whose pixels and labels count up. */
    private static Path fashionMnist(Path directory) throws IOException {
        Files.createDirectories(directory);
        byte[] pixels = new byte[SAMPLES * SIDE * SIDE];
        byte[] labels = new byte[SAMPLES];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        for (String split : List.of("train", "t10k")) {
            idx(directory.resolve(split + "-images-idx3-ubyte.gz"), new int[] {SAMPLES, SIDE, SIDE}, pixels);
            idx(directory.resolve(split + "-labels-idx1-ubyte.gz"), new int[] {SAMPLES}, labels);
        }
        return directory;
    }

    /** A gzip-compressed IDX file of unsigned bytes. */
    private static void idx(Path file, int[] dimensions, byte[] values) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(0x800 | dimensions.length);
            for (int dimension : dimensions) {
                out.writeInt(dimension);
            }
            out.write(values);
        }
    }
}
