package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.util.Locale;
import java.util.Set;

/**
 * The database URLs a store may be given. H2's URL settings can run code ({@code INIT=RUNSCRIPT FROM ...}, an event
 * listener class, a user-defined authenticator), so only the few a store needs pass, and a refused URL is named by
 * its setting alone, never its value. Passwords never travel in the URL: they come from the environment.
 */
final class StoreUrl {

    private static final Set<String> SERVER_PREFIXES = Set.of("jdbc:h2:tcp://", "jdbc:h2:ssl://", "jdbc:h2:mem:");
    private static final Set<String> ALLOWED_SETTINGS = Set.of("IFEXISTS", "AUTO_RECONNECT", "DB_CLOSE_DELAY");

    private StoreUrl() {
    }

    static String check(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            throw new TrainyardException("the store URL must be a PostgreSQL URL (postgresql://USER@HOST:5432/DB) or an H2"
                    + " server's (jdbc:h2:tcp://HOST/PATH)");
        }
        if (SERVER_PREFIXES.stream().noneMatch(lower::startsWith)) {
            throw new TrainyardException("the store URL must name an H2 server (jdbc:h2:tcp://HOST/PATH or"
                    + " jdbc:h2:ssl://HOST/PATH); for a store in a local file give its directory: --store DIR");
        }
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            String setting = parts[i];
            int equals = setting.indexOf('=');
            String key = (equals < 0 ? setting : setting.substring(0, equals)).trim().toUpperCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            if (key.equals("USER") || key.equals("PASSWORD")) {
                throw new TrainyardException("the store URL must not carry the " + key.toLowerCase(Locale.ROOT)
                        + ": set TRAINYARD_STORE_USER and TRAINYARD_STORE_PASSWORD instead");
            }
            if (!ALLOWED_SETTINGS.contains(key)) {
                throw new TrainyardException("the store URL's setting " + printable(key) + " is not accepted (H2"
                        + " settings can run code); accepted: " + String.join(", ", ALLOWED_SETTINGS.stream().sorted()
                                .toList()));
            }
        }
        return url;
    }

    private static String printable(String key) {
        String clean = key.replaceAll("[^A-Z0-9_]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
