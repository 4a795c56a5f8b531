package io.trainyard.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.RunStatus;
import io.trainyard.engine.cli.Main;
import io.trainyard.tracking.example.SoftmaxRegressionExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerTest {

    @TempDir
    Path store;
    /** Where artifacts are fetched to: a folder of its own, deleted after the test like the store. */
    @TempDir
    Path fetched;

    @Test
    void aHandWrittenNd4jLoopIsRecordedAndReadLikeAnyRun() throws Exception {
        String id;
        try (Tracker tracker = Tracker.open(store.toString())) {
            id = SoftmaxRegressionExample.train(tracker, 5, 0.5, -1);
        }
        JsonObject shown = json("show", id, "--format", "json").getAsJsonObject();
        assertEquals("FINISHED", shown.get("status").getAsString());
        assertEquals("softmax-blobs", shown.get("experiment").getAsString());
        JsonObject params = shown.getAsJsonObject("params");
        assertEquals(0.5, params.get("optimizer.lr").getAsDouble());
        assertEquals(7, params.get("seed").getAsLong());
        assertEquals("hand-written nd4j", shown.getAsJsonObject("tags").get("source").getAsString());
        assertEquals("three blobs, 200 points each", shown.get("note").getAsString());
        JsonObject provenance = shown.getAsJsonObject("provenance");
        assertEquals(System.getProperty("java.version"), provenance.get("java.version").getAsString());
        assertTrue(provenance.has("trainyard.version") && provenance.has("cpu.cores"), provenance.toString());
        JsonArray epochs = shown.getAsJsonArray("epochs");
        assertEquals(5, epochs.size());
        JsonObject last = epochs.get(4).getAsJsonObject();
        // Three well-separated blobs: a trained softmax regression classifies most test points right.
        assertTrue(last.get("test_accuracy").getAsDouble() > 0.85, last.toString());
        assertTrue(last.get("train_loss").getAsDouble() < epochs.get(0).getAsJsonObject().get("train_loss")
                .getAsDouble(), "the loss fell");
        assertEquals(0.5, last.get("learning_rate").getAsDouble());
        assertEquals(20, shown.get("steps_logged").getAsInt());
        JsonObject artifact = shown.getAsJsonArray("artifacts").get(0).getAsJsonObject();
        assertEquals("model/weights.txt", artifact.get("name").getAsString());
        Path kept = Path.of(artifact.get("path").getAsString());
        assertEquals(store.resolve("runs").resolve(id).resolve("artifacts/model/weights.txt"), kept);
        assertEquals(Files.size(kept), artifact.get("size_bytes").getAsLong());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(kept))),
                artifact.get("sha256").getAsString());
        assertTrue(text("show", id).contains("Artifact    model/weights.txt: "), "listed by show");
        assertEquals("Wrote " + fetched.resolve("model/weights.txt") + " (" + Files.size(kept) + " bytes, sha256 "
                + artifact.get("sha256").getAsString() + ")\n", text("artifacts", id, "--to", fetched.toString()));
        assertEquals(Files.readString(kept), Files.readString(fetched.resolve("model/weights.txt")));
        Files.writeString(kept, "edited by hand");
        assertEquals("error: artifact model/weights.txt of run " + id + " (" + kept + ") has changed since it was"
                + " saved: its SHA-256 is not the recorded " + artifact.get("sha256").getAsString(),
                failure("artifacts", id, "--to", fetched.toString()));
        assertEquals("error: run " + id + " has no artifact 'model.bin'; 'trainyard show " + id + "' lists its 1"
                + " artifact(s)", failure("artifacts", id, "model.bin", "--to", fetched.toString()));
        // Filters and listings see it as they see the trainer's runs.
        JsonArray listed = json("runs", "--filter", "params.optimizer.lr = 0.5 and tags.source = 'hand-written nd4j'"
                + " and metrics.learning_rate = 0.5 and metrics.test_accuracy > 0.85",
                "--format", "json").getAsJsonArray();
        assertEquals(1, listed.size());
        assertEquals(id, listed.get(0).getAsJsonObject().get("run_id").getAsString());
        assertEquals(5, listed.get(0).getAsJsonObject().get("epochs").getAsInt());
        // Its recipe is the user's code, not a file: rerun says so in one line.
        assertEquals("error: cannot rerun " + id + ": run " + id + " was tracked from "
                + System.getProperty("sun.java.command").split(" ")[0] + ", code of its own, not trained from an"
                + " experiment file; run that code again to repeat it", failure("rerun", id));
    }

    @Test
    void aRunLeftByAnExceptionEndsFailedWithItsEpochsKept() throws Exception {
        String id;
        try (Tracker tracker = Tracker.open(store.toString())) {
            TrackedRun[] started = new TrackedRun[1];
            assertThrows(IllegalStateException.class, () -> {
                try (TrackedRun run = tracker.newRun("failing").param("lr", 0.1f).start()) {
                    started[0] = run;
                    run.logEpoch(Map.of("train_loss", 1.5));
                    throw new IllegalStateException("diverged");
                }
            });
            assertEquals(RunStatus.FAILED, started[0].status());
            id = started[0].id();
            TrainyardException ended = assertThrows(TrainyardException.class, () -> started[0].logStep(1));
            assertEquals("run " + id + " has ended (FAILED); start a new run to log more", ended.getMessage());
        }
        JsonObject shown = json("show", id, "--format", "json").getAsJsonObject();
        assertEquals("FAILED", shown.get("status").getAsString());
        assertTrue(shown.get("error").getAsString().contains("closed without finish()"), shown.toString());
        assertEquals(1, shown.getAsJsonArray("epochs").size());
        assertEquals(0.1, shown.getAsJsonObject("params").get("lr").getAsDouble(), "a float as written");
        assertTrue(Files.readString(store.resolve("runs").resolve(id).resolve("epochs.csv")).contains("1.5"));
    }

    @Test
    void threadsLoggingStepsAtOnceLoseNone() throws Exception {
        String id;
        try (Tracker tracker = Tracker.open(store.toString());
                TrackedRun run = tracker.newRun("threads").start()) {
            List<Thread> threads = new ArrayList<>();
            for (int started = 0; started < 4; started++) {
                Thread thread = new Thread(() -> {
                    for (int step = 0; step < 1500; step++) {
                        run.logStep(1.0 / (step + 1));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            run.endEpoch();
            run.finish();
            id = run.id();
        }
        assertEquals(6000, json("show", id, "--format", "json").getAsJsonObject().get("steps_logged").getAsInt());
    }

    @Test
    void badInputIsRefusedInOneLineNamingTheFix() {
        try (Tracker tracker = Tracker.open(store.toString())) {
            assertEquals("cannot use 'learning rate' as a param key; write it with letters, digits, '_', '.' or '-',"
                    + " starting with a letter or '_', at most 300 characters", assertThrows(TrainyardException.class,
                            () -> tracker.newRun("exp").param("learning rate", 0.1)).getMessage());
            assertEquals("param model is a Object; give a number, a boolean, a string or a list of them",
                    assertThrows(TrainyardException.class, () -> tracker.newRun("exp").param("model", new Object()))
                            .getMessage());
            try (TrackedRun run = tracker.newRun("exp").start()) {
                TrainyardException metric = assertThrows(TrainyardException.class,
                        () -> run.logMetric("Test Accuracy", 0.5));
                assertTrue(metric.getMessage().startsWith("metric name 'Test Accuracy' must be lower-case"),
                        metric.getMessage());
                run.finish();
            }
        }
    }

    @Test
    void aProcessThatExitsMidRunLeavesItKilledWithItsFinishedEpochs() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SoftmaxRegressionExample.class.getName(), store.toString(),
                "5", "exit-at", "2").redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, child.exitValue(), output);
        JsonObject run = json("runs", "--format", "json").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("KILLED", run.get("status").getAsString());
        assertEquals(2, run.get("epochs").getAsInt());
        JsonObject shown = json("show", run.get("run_id").getAsString(), "--format", "json").getAsJsonObject();
        assertEquals("the JVM exited before the run ended", shown.get("error").getAsString());
    }

    private com.google.gson.JsonElement json(String... args) {
        return JsonParser.parseString(text(args));
    }

    /** The one line a command that must fail prints, on the test's store. */
    private String failure(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--store", store.toString()));
        assertEquals(2, Main.execute(command.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    /** What the command prints, which must succeed, on the test's store. */
    private String text(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--store", store.toString()));
        int exit = Main.execute(command.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
