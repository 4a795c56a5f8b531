package io.trainyard.plugins.callback;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.api.callback.RunContext;
import io.trainyard.api.callback.RunStatus;
import java.io.BufferedWriter;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code csv-logger}, as Keras' CSVLogger: one line per epoch with the epoch's metrics, the ones callbacks logged
 * included (the columns are those of the first epoch), flushed as each epoch ends.
 */
public final class CsvLoggerFactory implements CallbackFactory {

    @Override
    public String name() {
        return "csv-logger";
    }

    @Override
    public String description() {
        return "Writes each epoch's metrics to a CSV file (Keras' CSVLogger)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.string("path", "log.csv", "file to write; a relative path is inside the run's folder"),
                HyperParameter.string("separator", ",", "one character between values"),
                HyperParameter.bool("append", false, "add to an existing file instead of replacing it"));
    }

    @Override
    public void validate(PluginConfig config) {
        if (config.getString("separator").length() != 1) {
            throw new TrainyardException("callbacks.csv-logger.separator must be one character, got '"
                    + config.getString("separator") + "'");
        }
    }

    @Override
    public Callback create(PluginConfig config) {
        String separator = config.getString("separator");
        boolean append = config.getBoolean("append");
        return new Callback() {
            private BufferedWriter writer;
            private Path file;
            private List<String> logged;
            /** The file's length after the last finished epoch's line; a resumed run continues from there. */
            private long length = -1;

            @Override
            public void onEpochEnd(RunContext run, EpochResult result) {
                try {
                    if (writer == null) {
                        open(run);
                    }
                    Map<String, Double> metrics = run.epochMetrics();
                    List<String> cells = new ArrayList<>(List.of(Integer.toString(result.epoch())));
                    MetricNames.BUILT_IN.forEach(name -> cells.add(cell(result.metric(name))));
                    logged.forEach(name -> cells.add(metrics.containsKey(name) ? cell(metrics.get(name)) : ""));
                    writer.write(String.join(separator, cells));
                    writer.newLine();
                    writer.flush();
                    length = Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("csv-logger cannot write: " + e.getMessage(), e);
                }
            }

            private void open(RunContext run) throws IOException {
                file = run.runDirectory().resolve(config.getString("path"));
                Files.createDirectories(file.toAbsolutePath().getParent());
                if (length >= 0 && Files.exists(file)) {
                    // Resumed: keep the lines of the epochs that stand, drop any written after the checkpoint.
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(length);
                    }
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                    return;
                }
                boolean header = !append || !Files.exists(file) || Files.size(file) == 0;
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                logged = List.copyOf(run.epochMetrics().keySet());
                if (header) {
                    List<String> columns = new ArrayList<>(List.of("epoch"));
                    columns.addAll(MetricNames.BUILT_IN);
                    columns.addAll(logged);
                    writer.write(String.join(separator, columns));
                    writer.newLine();
                }
            }

            @Override
            public void saveState(DataOutput out) throws IOException {
                out.writeLong(length);
                out.writeInt(logged == null ? 0 : logged.size());
                for (String name : logged == null ? List.<String>of() : logged) {
                    out.writeUTF(name);
                }
            }

            @Override
            public void loadState(DataInput in) throws IOException {
                length = in.readLong();
                List<String> names = new ArrayList<>();
                for (int i = in.readInt(); i > 0; i--) {
                    names.add(in.readUTF());
                }
                logged = List.copyOf(names);
            }

            @Override
            public void onRunEnd(RunContext run, RunStatus status) {
                if (writer != null) {
                    try {
                        writer.close();
                    } catch (IOException e) {
                        // Every line was flushed as its epoch ended; nothing is lost.
                    }
                }
            }
        };
    }

    private static String cell(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }
}
