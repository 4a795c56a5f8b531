package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PostgreSQL store as the user names it, {@code postgresql://USER@HOST:5432/DB?sslmode=verify-full} (libpq's form)
 * or {@code jdbc:postgresql://HOST:5432/DB?user=USER}, made into one JDBC URL that carries no secret. The password
 * comes from {@link PgPass}; a URL that carries one is refused, since a command line is visible to every user of the
 * machine. Only the driver settings a store needs pass: others can load classes or write files.
 */
final class PostgresUrl {

    static final int DEFAULT_PORT = 5432;
    private static final Set<String> ALLOWED = new TreeSet<>(Set.of("sslmode", "sslrootcert", "sslcert", "sslkey",
            "connectTimeout", "socketTimeout", "tcpKeepAlive", "ApplicationName", "currentSchema"));
    private static final Set<String> SECRETS = Set.of("password", "sslpassword");

    private PostgresUrl() {
    }

    /** Whether {@code text} names a PostgreSQL store rather than a directory or an H2 URL. */
    static boolean names(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://")
                || lower.startsWith("jdbc:postgresql:");
    }

    /**
     * The store {@code text} names: its JDBC URL, with the user (the URL's, else PGUSER, else the login name) and
     * database (else PGDATABASE, else the user's) named, and the password from {@link PgPass}.
     *
     * @param runFiles the directory of the run folders
     */
    static StoreLocation location(String text, Path runFiles, Map<String, String> environment) {
        String lower = text.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("jdbc:postgresql:")) {
            throw refused("give the server: jdbc:postgresql://HOST:5432/DB");
        } else {
            rest = text.substring(text.indexOf("://") + 3);
        }
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        Map<String, String> settings = query(question < 0 ? "" : rest.substring(question + 1));
        int slash = path.indexOf('/');
        String authority = slash < 0 ? path : path.substring(0, slash);
        String database = slash < 0 ? "" : decode(path.substring(slash + 1));
        String user = settings.remove("user");
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            if (userInfo.contains(":")) {
                throw refused("it must not carry a password: give it in PGPASSWORD or ~/.pgpass, as for psql");
            }
            user = decode(userInfo);
            authority = authority.substring(at + 1);
        }
        for (String key : settings.keySet()) {
            if (SECRETS.contains(key.toLowerCase(Locale.ROOT))) {
                throw refused("it must not carry the " + key + ": give the password in PGPASSWORD or ~/.pgpass");
            }
            if (!ALLOWED.contains(key)) {
                throw refused("its setting '" + printable(key) + "' is not accepted (some driver settings load classes"
                        + " or write files); accepted: " + String.join(", ", ALLOWED));
            }
        }
        String host = authority;
        String port = Integer.toString(DEFAULT_PORT);
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
            if (!port.matches("\\d{1,5}")) {
                throw refused("its port '" + printable(port) + "' is not a number");
            }
        }
        if (host.isEmpty()) {
            host = environment.getOrDefault("PGHOST", "");
            if (host.isEmpty() || host.startsWith("/")) {
                throw refused("name the server: postgresql://USER@HOST:5432/DB");
            }
        }
        if (user == null || user.isEmpty()) {
            user = environment.getOrDefault("PGUSER", System.getProperty("user.name"));
        }
        if (database.isEmpty()) {
            database = environment.getOrDefault("PGDATABASE", user);
        }
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
                .append(encode(database)).append("?user=").append(encode(user));
        settings.forEach((key, value) -> url.append('&').append(key).append('=').append(encode(value)));
        String password = PgPass.password(environment, host, Integer.parseInt(port), database, user).orElse(null);
        return new StoreLocation(runFiles, url.toString(), new StoreLocation.Credentials(user, password));
    }

    private static Map<String, String> query(String query) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                settings.put(decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return settings;
    }

    private static TrainyardException refused(String why) {
        return new TrainyardException("the PostgreSQL store URL is refused: " + why);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused("it has a malformed %-escape");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
