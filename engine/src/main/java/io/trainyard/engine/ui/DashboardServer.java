package io.trainyard.engine.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trainyard.api.TrainyardException;
import io.trainyard.engine.compare.ReportAssets;
import io.trainyard.engine.report.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard over HTTP (the JDK's own server: a local, read-mostly page needs nothing more): routes, the
 * {@link Access} rules, and the headers every answer carries, among them a Content-Security-Policy that lets only
 * the dashboard's own scripts run and only its own address be asked.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Pattern RUN = Pattern.compile("/runs/([^/]+)");
    private static final Pattern LIVE = Pattern.compile("/api/runs/([^/]+)/live");
    private static final Pattern EDIT = Pattern.compile("/api/runs/([^/]+)/edit");
    private static final Pattern SWEEP = Pattern.compile("/sweeps/([^/]+)");
    private static final Map<String, String> SECURITY = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
                    + " base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");
    private static final int MAX_FORM = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final Access access;
    private final Dashboard dashboard;

    private DashboardServer(HttpServer server, ExecutorService threads, Access access, Dashboard dashboard) {
        this.server = server;
        this.threads = threads;
        this.access = access;
        this.dashboard = dashboard;
    }

    /**
     * Binds and starts serving; {@code port} 0 takes a free one.
     *
     * @param access the rules for the port taken
     */
    static DashboardServer start(InetSocketAddress address, IntFunction<Access> access, Dashboard dashboard) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new TrainyardException("cannot listen on " + address.getAddress().getHostAddress() + " port "
                    + address.getPort() + ": " + e.getMessage() + "; pass --port with a free port (0 takes any)", e);
        } catch (IOException e) {
            throw new TrainyardException("cannot start the dashboard: " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "trainyard-ui");
            thread.setDaemon(true);
            return thread;
        });
        DashboardServer dashboardServer = new DashboardServer(server, threads,
                access.apply(server.getAddress().getPort()), dashboard);
        server.createContext("/", dashboardServer::handle);
        server.setExecutor(threads);
        server.start();
        return dashboardServer;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = route(exchange);
        } catch (TrainyardException e) {
            response = error(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            response = error(exchange, 500, "the dashboard failed: " + e.getClass().getSimpleName()
                    + "; the console of 'trainyard ui' has no more, run the same as a command for details");
        }
        SECURITY.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", response.type());
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (!access.knownHost(host)) {
            return Response.text(403, "this dashboard answers to 127.0.0.1 or localhost only");
        }
        if (path.startsWith("/static/")) {
            return asset(path.substring("/static/".length()));
        }
        if (path.equals("/login") && method.equals("POST") && access.tokenRequired()) {
            String token = form(exchange).getOrDefault("token", "");
            return access.matches(token) ? Response.redirect("/", Map.of("Set-Cookie", access.cookie()))
                    : new Response(401, "text/html; charset=utf-8", DashboardPages.login(true)
                            .getBytes(StandardCharsets.UTF_8), Map.of());
        }
        if (!access.authorized(exchange.getRequestHeaders().getOrDefault("Cookie", List.of()),
                exchange.getRequestHeaders().getFirst("Authorization"))) {
            return path.startsWith("/api/") ? Response.text(401, "this dashboard needs its token")
                    : new Response(401, "text/html; charset=utf-8", DashboardPages.login(false)
                            .getBytes(StandardCharsets.UTF_8), Map.of());
        }
        Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
        if (method.equals("POST")) {
            Matcher edit = EDIT.matcher(path);
            if (!edit.matches()) {
                return Response.text(404, "no such address");
            }
            String refused = access.refuseEdit(exchange.getRequestHeaders().getFirst(Access.EDIT_HEADER),
                    exchange.getRequestHeaders().getFirst("Origin"), host);
            return refused != null ? Response.text(403, refused) : dashboard.edit(edit.group(1), form(exchange));
        }
        if (!method.equals("GET")) {
            return Response.text(405, "the dashboard reads; it takes GET (and POST for edits)");
        }
        Matcher matcher;
        if (path.equals("/")) {
            return dashboard.runsPage();
        } else if (path.equals("/api/runs")) {
            return dashboard.runsJson(query.get("filter"), query.get("order"));
        } else if ((matcher = LIVE.matcher(path)).matches()) {
            return dashboard.live(matcher.group(1), since(query.getOrDefault("since", "-1")));
        } else if ((matcher = RUN.matcher(path)).matches()) {
            return dashboard.runPage(matcher.group(1));
        } else if (path.equals("/compare")) {
            return dashboard.compare(query.get("runs"), query.get("filter"));
        } else if (path.equals("/sweeps")) {
            return dashboard.sweepsPage();
        } else if ((matcher = SWEEP.matcher(path)).matches()) {
            return dashboard.sweep(matcher.group(1));
        }
        return Response.text(404, "no such page");
    }

    private static long since(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TrainyardException("since must be a step number, got '" + text + "'");
        }
    }

    private static Response asset(String name) {
        if (ReportAssets.STYLES.contains(name) || ReportAssets.SCRIPTS.contains(name)) {
            return new Response(200, type(name), ReportAssets.text(name).getBytes(StandardCharsets.UTF_8), Map.of());
        }
        if (name.equals("dashboard.js") || name.equals("dashboard.css")) {
            return new Response(200, type(name), ReportAssets.read("io/trainyard/engine/ui/" + name)
                    .getBytes(StandardCharsets.UTF_8), Map.of());
        }
        return Response.text(404, "no such file");
    }

    private static String type(String name) {
        return name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    }

    /** An error as the caller reads it: JSON for the page's script, a line of text for a person. */
    private static Response error(HttpExchange exchange, int status, String message) {
        return exchange.getRequestURI().getPath().startsWith("/api/")
                ? new Response(status, "application/json; charset=utf-8", ("{\"error\": " + Json.string(message) + "}")
                        .getBytes(StandardCharsets.UTF_8), Map.of())
                : Response.text(status, "error: " + message);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM + 1);
            if (body.length > MAX_FORM) {
                throw new TrainyardException("the form is larger than " + MAX_FORM + " bytes");
            }
            return parameters(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** An application/x-www-form-urlencoded text (a query or a form), each name once. */
    static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.putIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
