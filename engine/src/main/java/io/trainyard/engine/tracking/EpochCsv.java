package io.trainyard.engine.tracking;

import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.MetricNames;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A run's {@code epochs.csv}: one row per finished epoch, flushed as the epoch ends so a crash loses no finished
 * epoch. NaN metrics are written as empty cells.
 */
final class EpochCsv implements AutoCloseable {

    static final String FILE_NAME = "epochs.csv";
    /** The epoch, then the built-in metrics in their one order ({@link MetricNames#BUILT_IN}). */
    static final String[] HEADER = Stream.concat(Stream.of("epoch"), MetricNames.BUILT_IN.stream())
            .toArray(String[]::new);

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
        List<Object> row = new ArrayList<>();
        row.add(epoch.epoch());
        MetricNames.BUILT_IN.forEach(name -> row.add(cell(epoch.metric(name))));
        printer.printRecord(row);
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
