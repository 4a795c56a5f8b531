package io.trainyard.engine.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * What {@code distribution/src/build/class-lists} runs under {@code -XX:DumpLoadedClassList} (for the repository's
 * launcher once per build, and in the distribution's build) to list the classes a command that trains loads, for the
 * class-data sharing archive such commands start from (the distribution's launcher says why).
 * It trains one epoch of each experiment file given on a Fashion-MNIST of 64 generated images, with its store, cache
 * and data in a scratch directory of its own; its output is of no interest, only the classes it loads. With
 * {@code --read STORE} it reads those runs instead, as {@code show} and {@code compare} do, for the archive of the
 * commands that only read.
 */
public final class ArchiveWorkload {

    private static final int SAMPLES = 64;
    private static final int SIDE = 28;
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\": \"([^\"]+)\"");

    private ArchiveWorkload() {
    }

    /** Arguments: the scratch directory, then experiment files; or {@code --read} and a store with runs. */
    public static void main(String[] args) throws IOException {
        if (args[0].equals("--read")) {
            System.exit(read(Path.of(args[1]), System.getenv()));
        }
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

    /**
     * Shows the store's first run and compares all its runs, in each format a terminal user is likely to ask for;
     * returns how many commands failed (all of them when the store has no run).
     */
    static int read(Path store, Map<String, String> environment) {
        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        String[] storeOption = {"--store", store.toString()};
        Main.execute(concat(new String[] {"runs", "--format", "json"}, storeOption),
                new PrintStream(listing, true, StandardCharsets.UTF_8), discard, environment);
        String[] runs = RUN_ID.matcher(listing.toString(StandardCharsets.UTF_8)).results()
                .map(found -> found.group(1)).toArray(String[]::new);
        if (runs.length == 0) {
            runs = new String[] {"none"};
        }
        String[][] commands = {{"show", runs[0]}, {"show", runs[0], "--format", "json"},
            concat(new String[] {"compare"}, runs), concat(new String[] {"compare", "--format", "json"}, runs)};
        int failed = 0;
        for (String[] command : commands) {
            failed += Main.execute(concat(command, storeOption), discard, discard, environment) == 0 ? 0 : 1;
        }
        return failed;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
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
