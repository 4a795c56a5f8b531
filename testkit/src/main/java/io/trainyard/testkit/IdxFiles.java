package io.trainyard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small gzip-compressed IDX files (the MNIST family's format) for tests, and tiny Fashion-MNIST directories. */
public final class IdxFiles {

    private IdxFiles() {
    }

    public static byte[] idx(int[] dimensions, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dimensions.length);
        for (int dimension : dimensions) {
            out.writeInt(dimension);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    public static Path write(Path file, byte[] uncompressed) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(uncompressed);
        }
        return file;
    }

    public static Path write(Path file, int[] dimensions, byte[] data) throws IOException {
        return write(file, idx(dimensions, data));
    }

    /**
     * A Fashion-MNIST-shaped directory: {@code train} and {@code test} images of 28x28 whose pixel values are the
     * item index, and labels {@code item % 10}.
     */
    public static Path fashionMnist(Path directory, int train, int test) throws IOException {
        Files.createDirectories(directory);
        writeSplit(directory, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", train);
        writeSplit(directory, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", test);
        return directory;
    }

    private static void writeSplit(Path directory, String images, String labels, int count) throws IOException {
        byte[] pixels = new byte[count * 28 * 28];
        byte[] classes = new byte[count];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) (i * 50));
            classes[i] = (byte) (i % 10);
        }
        write(directory.resolve(images), new int[] {count, 28, 28}, pixels);
        write(directory.resolve(labels), new int[] {count}, classes);
    }
}
