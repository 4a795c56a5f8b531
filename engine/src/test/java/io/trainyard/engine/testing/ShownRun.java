package io.trainyard.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A run as {@code trainyard show RUN --format json} prints it, read back for assertions on values. */
public final class ShownRun {

    private ShownRun() {
    }

    public static JsonObject of(Cli cli, String runId) {
        Cli.Result show = cli.run("show", runId, "--format", "json");
        assertEquals(0, show.exitCode(), show.err());
        return JsonParser.parseString(show.out()).getAsJsonObject();
    }
}
