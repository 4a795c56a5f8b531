package io.trainyard.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.trainyard.engine.testing.Cli;
import io.trainyard.engine.testing.Experiments;
import io.trainyard.engine.testing.StoreBackend;
import io.trainyard.engine.testing.ShownRun;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every string a user stored is shown as text in every format: terminal, Markdown, CSV and JSON. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class EscapingTest {

    @Parameter
    StoreBackend backend;


    private static final String HOSTILE_NAME = "=HYPERLINK(\"http://evil\")|<script>alert(1)</script>[x](javascript:y)";

    @TempDir
    Path directory;

    private Cli cli;
    private String runId;

    @BeforeEach
    void recordARunWithAHostileName() throws Exception {
        cli = new Cli(backend.newStore(directory.resolve("store")), directory.resolve("cache"));
        Path file = Files.writeString(directory.resolve("hostile.yaml"), Files.readString(Experiments.blobsFile())
                .replaceFirst("(?m)^name: .*$", "name: '" + HOSTILE_NAME.replace("'", "''") + "'"));
        Cli.Result run = cli.run("run", file.toString(), "--set", "epochs=1");
        assertEquals(0, run.exitCode(), run.err());
        runId = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    }

    @Test
    void theTerminalNeverReceivesAControlSequenceFromANoteOrTag() {
        String note = "\u001b]0;owned\u0007 retitled\r\u001b[31mred\u009b2J\nsecond line";
        assertEquals(0, cli.run("note", runId, note).exitCode());
        assertEquals(0, cli.run("tag", runId, "why=\u001b[5mblink").exitCode());
        String shown = cli.run("show", runId).out();
        assertTrue(shown.contains("Note        ?]0;owned? retitled??[31mred?2J\nsecond line"), shown);
        assertTrue(shown.contains("why=?[5mblink"), shown);
        assertTrue(shown.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F),
                "no control character reaches the terminal");
        assertEquals(note, ShownRun.of(cli, runId).get("note").getAsString(), "JSON keeps the note exactly");
    }

    @Test
    void markdownShowsTagsAndNamesAsText() {
        String markdown = cli.run("runs", "--format", "markdown").out();
        List<String> lines = markdown.strip().lines().toList();
        assertEquals(3, lines.size(), "header, rule and one row: nothing split the row\n" + markdown);
        assertTrue(lines.get(2).contains("=HYPERLINK\\(\"http://evil\"\\)\\|&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
                + "\\[x\\]\\(javascript:y\\)"), lines.get(2));
        assertFalse(markdown.contains("<script>"), markdown);
    }

    @Test
    void csvCellsCannotBecomeSpreadsheetFormulas() throws Exception {
        String csv = cli.run("runs", "--format", "csv").out();
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(csv))
                .getRecords();
        assertEquals("'" + HOSTILE_NAME, records.get(0).get("experiment"));
        assertEquals(0, cli.run("export", runId, "--out", directory.resolve("export").toString()).exitCode());
        List<CSVRecord> exported = CSVFormat.DEFAULT.builder().setHeader().build().parse(
                Files.newBufferedReader(directory.resolve("export").resolve("runs.csv"))).getRecords();
        assertEquals("'" + HOSTILE_NAME, exported.get(0).get("experiment"));
    }

    @Test
    void jsonKeepsTheNameExactlyAndEveryKeyOnce() throws Exception {
        String runs = cli.run("runs", "--format", "json").out();
        assertEquals(HOSTILE_NAME, JsonParser.parseString(runs).getAsJsonArray().get(0).getAsJsonObject()
                .get("experiment").getAsString());

        Cli.Result second = cli.run("run", Experiments.blobsFile().toString(), "--set", "epochs=2");
        assertEquals(0, second.exitCode(), second.err());
        String json = cli.run("compare", "--filter", "status = 'FINISHED'", "--format", "json").out();
        assertNoObjectRepeatsAKey(json);
        JsonObject first = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject();
        assertTrue(first.has("params.epochs") && first.has("epochs"), "a param and the epochs recorded: " + first);
        String csv = cli.run("compare", "--filter", "status = 'FINISHED'", "--format", "csv").out();
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
        assertEquals(header.size(), header.stream().distinct().count(), "no column twice: " + header);
    }

    /** Reads the JSON token by token: a parser into objects would keep one of two equal keys silently. */
    private static void assertNoObjectRepeatsAKey(String json) throws Exception {
        java.util.Deque<java.util.Set<String>> open = new java.util.ArrayDeque<>();
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            while (reader.peek() != JsonToken.END_DOCUMENT) {
                switch (reader.peek()) {
                    case BEGIN_OBJECT -> {
                        reader.beginObject();
                        open.push(new java.util.HashSet<>());
                    }
                    case END_OBJECT -> {
                        reader.endObject();
                        open.pop();
                    }
                    case BEGIN_ARRAY -> reader.beginArray();
                    case END_ARRAY -> reader.endArray();
                    case NAME -> {
                        String name = reader.nextName();
                        assertTrue(open.peek().add(name), "the key '" + name + "' appears twice in one object");
                    }
                    default -> reader.skipValue();
                }
            }
        }
    }
}
