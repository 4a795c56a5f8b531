package io.trainyard.plugins.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.data.Dataset;
import io.trainyard.api.data.DatasetContext;
import io.trainyard.testkit.IdxFiles;
import io.trainyard.testkit.PluginContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FashionMnistFactoryTest {

    @TempDir
    Path directory;

    @Test
    void loadsAGivenDirectoryScalingPixelsToUnitRange() throws Exception {
        Path data = IdxFiles.fashionMnist(directory.resolve("data"), 4, 3);
        Dataset dataset = factory().load(config(Map.of("path", data.toString())), context());
        assertEquals(4, dataset.train().size());
        assertEquals(3, dataset.test().size());
        assertArrayEquals(new long[] {1, 28, 28}, dataset.sampleShape());
        assertEquals(10, dataset.classes());
        assertEquals(64, dataset.sha256().length());

        INDArray features = Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28);
        INDArray targets = Nd4j.zeros(DataType.FLOAT, 1);
        dataset.train().fill(new int[] {3}, 0, 1, features, targets);
        assertEquals(150 / 255f, features.getFloat(0, 0, 27, 27), 1e-7);
        assertEquals(3f, targets.getFloat(0));
    }

    @Test
    void keepsDecompressedCopiesForTheNextLoad() throws Exception {
        Path data = IdxFiles.fashionMnist(directory.resolve("data"), 4, 3);
        Dataset first = factory().load(config(Map.of("path", data.toString())), context());
        try (Stream<Path> files = Files.walk(directory.resolve("cache/fashion-mnist/decompressed"))) {
            assertEquals(List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte",
                    "train-labels-idx1-ubyte"), files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("-ubyte")).sorted().toList());
        }
        assertEquals(first.sha256(), factory().load(config(Map.of("path", data.toString())), context()).sha256());
    }

    @Test
    void passesTheKitsDatasetContract() throws Exception {
        Path data = IdxFiles.fashionMnist(directory.resolve("data"), 12, 9);
        PluginContract.checkDataset(new FashionMnistFactory(), Map.of("path", data.toString(), "download", false),
                context());
    }

    @Test
    void givenDirectoryWithoutTheFilesSaysWhatIsMissing() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> factory().load(config(Map.of("path", directory.toString())), context()));
        assertEquals("dataset.path " + directory + " does not hold the Fashion-MNIST files " + FashionMnistFactory.FILES
                + "; point --data (or dataset.path) at a directory that has them", error.getMessage());
    }

    @Test
    void nothingFoundAndNoDownloadExplainsHowToGetTheData() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> factory().load(config(Map.of("download", false)), context()));
        assertTrue(error.getMessage().contains("apt-get install dataset-fashion-mnist"), error.getMessage());
        assertTrue(error.getMessage().contains("--data DIR"), error.getMessage());
    }

    @Test
    void failedDownloadExplainsHowToGetTheData() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> factory().load(config(Map.of("url", "http://127.0.0.1:9/")), context()));
        assertTrue(error.getMessage().startsWith("Fashion-MNIST not found and could not download"),
                error.getMessage());
        assertTrue(error.getMessage().contains("apt-get install dataset-fashion-mnist"), error.getMessage());
    }

    @Test
    void labelOutsideTheTenClassesIsReportedAsCorrupt() throws Exception {
        Path data = IdxFiles.fashionMnist(directory.resolve("data"), 2, 2);
        IdxFiles.write(data.resolve(FashionMnistFactory.TEST_LABELS), new int[] {2}, new byte[] {1, 12});
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> factory().load(config(Map.of("path", data.toString())), context()));
        assertTrue(error.getMessage().contains("hold class 12 at item 1"), error.getMessage());
    }

    @Test
    void imagesAndLabelsOfDifferentLengthsAreRejected() throws Exception {
        Path data = IdxFiles.fashionMnist(directory.resolve("data"), 3, 2);
        IdxFiles.write(data.resolve(FashionMnistFactory.TRAIN_LABELS), new int[] {2}, new byte[] {1, 2});
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> factory().load(config(Map.of("path", data.toString())), context()));
        assertTrue(error.getMessage().contains("3 images but 2 labels"), error.getMessage());
    }

    /** The real files, from Debian's package dataset-fashion-mnist (CI installs it). */
    @Test
    void debianPackageHoldsTheOfficialData() {
        assumeTrue(Files.isDirectory(FashionMnistFactory.DEBIAN_PACKAGE) || System.getenv("CI") != null,
                "dataset-fashion-mnist is not installed");
        Dataset dataset = new FashionMnistFactory().load(config(Map.of("download", false)), context());
        assertEquals(60_000, dataset.train().size());
        assertEquals(10_000, dataset.test().size());
        assertEquals("8668b75ae3e80d1c151755ad9958b2078a6efb33853dc01d1a45af99bffce3dc", dataset.sha256());
    }

    private FashionMnistFactory factory() {
        return new FashionMnistFactory(directory.resolve("no-system-copy"));
    }

    private DatasetContext context() {
        return new DatasetContext(directory.resolve("cache"));
    }

    private static PluginConfig config(Map<String, Object> given) {
        Map<String, Object> values = new HashMap<>();
        values.put("download", true);
        values.put("url", FashionMnistFactory.OFFICIAL_URL);
        values.putAll(given);
        return new PluginConfig("fashion-mnist", values);
    }
}
