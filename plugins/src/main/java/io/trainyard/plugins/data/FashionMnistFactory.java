package io.trainyard.plugins.data;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.data.Dataset;
import io.trainyard.api.data.DatasetContext;
import io.trainyard.api.data.DatasetFactory;
import io.trainyard.api.data.UnsignedByteSplit;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code fashion-mnist}: Zalando's 70 000 28x28 grey-scale clothing images in 10 classes, pixels scaled to [0, 1].
 *
 * <p>The four official files are looked for, in order: in {@code path} when it is set (and nowhere else), in Debian's
 * package {@code dataset-fashion-mnist}, in the download cache; failing those they are downloaded into the cache and
 * kept only if their content's SHA-256 matches the official data.
 */
public final class FashionMnistFactory implements DatasetFactory {

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    static final Path DEBIAN_PACKAGE = Path.of("/usr/share/datasets/fashion-mnist");
    static final String OFFICIAL_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /** SHA-256 of each official file's decompressed content. */
    static final Map<String, String> CONTENT_SHA256 = Map.of(
            TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private static final int CLASSES = 10;

    private final Path systemDirectory;

    public FashionMnistFactory() {
        this(DEBIAN_PACKAGE);
    }

    /** For tests: look in {@code systemDirectory} instead of the Debian package's directory. */
    FashionMnistFactory(Path systemDirectory) {
        this.systemDirectory = systemDirectory;
    }

    @Override
    public String name() {
        return "fashion-mnist";
    }

    @Override
    public String description() {
        return "Fashion-MNIST: 60000 train / 10000 test 28x28 clothing images, 10 classes, pixels in [0, 1]";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.string("path", null, "directory with the four .gz files (default: look them up)"),
                HyperParameter.bool("download", true, "download the official files when they are not found"),
                HyperParameter.string("url", OFFICIAL_URL, "where to download the official files from"));
    }

    @Override
    public Dataset load(PluginConfig config, DatasetContext context) {
        Path directory = locate(config, context);
        DecompressedCopies copies = new DecompressedCopies(cache(context).resolve("decompressed"));
        IdxFile trainImages = copies.read(directory.resolve(TRAIN_IMAGES));
        IdxFile trainLabels = copies.read(directory.resolve(TRAIN_LABELS));
        IdxFile testImages = copies.read(directory.resolve(TEST_IMAGES));
        IdxFile testLabels = copies.read(directory.resolve(TEST_LABELS));
        String sha256 = combinedSha256(List.of(trainImages, trainLabels, testImages, testLabels));
        return new IdxDataset(split(directory, trainImages, trainLabels), split(directory, testImages, testLabels),
                new long[] {1, trainImages.dimensions()[1], trainImages.dimensions()[2]}, CLASSES, sha256);
    }

    private Path locate(PluginConfig config, DatasetContext context) {
        if (config.has("path")) {
            Path given = Path.of(config.getString("path"));
            if (!hasAllFiles(given)) {
                throw new TrainyardException("dataset.path " + given + " does not hold the Fashion-MNIST files "
                        + FILES + "; point --data (or dataset.path) at a directory that has them");
            }
            return given;
        }
        if (hasAllFiles(systemDirectory)) {
            return systemDirectory;
        }
        Path cache = cache(context);
        if (hasAllFiles(cache)) {
            return cache;
        }
        String howToGet = "install Debian's package (apt-get install dataset-fashion-mnist) or pass --data DIR with"
                + " the four files " + FILES;
        if (!config.getBoolean("download")) {
            throw new TrainyardException("Fashion-MNIST not found in " + systemDirectory + " or " + cache
                    + " and dataset.download is false: " + howToGet);
        }
        FileDownloader downloader = new FileDownloader(URI.create(withSlash(config.getString("url"))),
                CONTENT_SHA256);
        try {
            for (String file : FILES) {
                downloader.fetch(file, cache);
            }
        } catch (TrainyardException e) {
            throw new TrainyardException("Fashion-MNIST not found and " + e.getMessage() + "; " + howToGet, e);
        }
        return cache;
    }

    /** Where the downloaded files and the decompressed copies go. */
    private static Path cache(DatasetContext context) {
        return context.cacheDirectory().resolve("fashion-mnist");
    }

    private static boolean hasAllFiles(Path directory) {
        return FILES.stream().allMatch(file -> Files.isRegularFile(directory.resolve(file)));
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static UnsignedByteSplit split(Path directory, IdxFile images, IdxFile labels) {
        if (images.dimensions().length != 3 || labels.dimensions().length != 1) {
            throw new TrainyardException("the files in " + directory + " are not Fashion-MNIST: images must be"
                    + " [n, rows, columns] and labels [n]");
        }
        if (images.count() != labels.count()) {
            throw new TrainyardException("the files in " + directory + " disagree: " + images.count()
                    + " images but " + labels.count() + " labels");
        }
        ByteBuffer classes = labels.data();
        float[] targets = new float[classes.remaining()];
        for (int i = 0; i < targets.length; i++) {
            int label = classes.get(i) & 0xff;
            if (label >= CLASSES) {
                throw new TrainyardException("the labels in " + directory + " hold class " + label
                        + " at item " + i + "; Fashion-MNIST has classes 0-9, so the file is corrupt");
            }
            targets[i] = label;
        }
        // Pixels stay bytes (a decompressed copy's mapped, not read), scaled to [0, 1] as batches are filled: 47 MB
        // instead of 188 MB of floats, and no conversion pass over fresh memory at load (0.4-0.7 s, mostly page faults).
        return new UnsignedByteSplit(images.data(), images.itemLength(), 255f, targets, 1);
    }

    /** One hash for the dataset: SHA-256 over the four files' content hashes, in {@code sha256sum} format. */
    static String combinedSha256(List<IdxFile> files) {
        java.security.MessageDigest digest = IdxFile.sha256Digest();
        for (int i = 0; i < files.size(); i++) {
            digest.update((files.get(i).sha256() + "  " + FILES.get(i) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
