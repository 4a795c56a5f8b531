package io.trainyard.engine.ui;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the dashboard answers a request with.
 *
 * @param headers besides the ones every response carries
 */
record Response(int status, String type, byte[] body, Map<String, String> headers) {

    static Response html(String html) {
        return new Response(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response json(String json) {
        return new Response(200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    static Response redirect(String location, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Location", location);
        return new Response(303, "text/plain; charset=utf-8", new byte[0], all);
    }
}
