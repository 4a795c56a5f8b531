package io.trainyard.engine.tracking;

import io.trainyard.api.callback.EpochResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A run's {@code epochs.csv}: one row per finished epoch, flushed as the epoch ends so a crash loses no finished
 * epoch. NaN metrics are written as empty cells.
 */
final class EpochCsv implements AutoCloseable {

    static final String FILE_NAME = "epochs.csv";
    static final String[] HEADER =
            {"epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "epoch_seconds"};

    private final CSVPrinter printer;

    /** @param kept the epochs already recorded (a resumed run's), written again before any new one */
    EpochCsv(Path runDirectory, List<EpochResult> kept) throws IOException {
        Files.createDirectories(runDirectory);
        BufferedWriter writer = Files.newBufferedWriter(runDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
        for (EpochResult epoch : kept) {
            append(epoch);
        }
        printer.flush();
    }

    void append(EpochResult epoch) throws IOException {
        printer.printRecord(epoch.epoch(), cell(epoch.trainLoss()), cell(epoch.trainAccuracy()),
                cell(epoch.testLoss()), cell(epoch.testAccuracy()), cell(epoch.seconds()));
        printer.flush();
    }

    private static String cell(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
