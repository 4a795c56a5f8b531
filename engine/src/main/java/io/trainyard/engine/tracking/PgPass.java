package io.trainyard.engine.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A PostgreSQL password found where {@code psql} looks for it: {@code PGPASSWORD}, else the first matching line of
 * the password file ({@code PGPASSFILE}, else {@code ~/.pgpass}), whose lines read
 * {@code host:port:database:user:password}, {@code *} matching anything and {@code \} escaping {@code :} and itself.
 * As libpq does, a password file that others can read is ignored. Read here rather than by the driver so that the
 * environment the command was given decides, as it does for every other setting.
 */
final class PgPass {

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PgPass() {
    }

    static Optional<String> password(Map<String, String> environment, String host, int port, String database,
            String user) {
        String variable = environment.get("PGPASSWORD");
        if (variable != null && !variable.isEmpty()) {
            return Optional.of(variable);
        }
        Path file = passwordFile(environment);
        if (file == null || !Files.isReadable(file) || readableByOthers(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file)) {
                List<String> fields = fields(line);
                if (fields.size() == 5 && !line.startsWith("#") && matches(fields.get(0), host)
                        && matches(fields.get(1), Integer.toString(port)) && matches(fields.get(2), database)
                        && matches(fields.get(3), user)) {
                    return Optional.of(fields.get(4));
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // as libpq: an unreadable file gives no password, and the server says why
        }
        return Optional.empty();
    }

    private static Path passwordFile(Map<String, String> environment) {
        String named = environment.get("PGPASSFILE");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return home == null ? null : Path.of(home, ".pgpass");
    }

    private static boolean readableByOthers(Path file) {
        try {
            return Files.getPosixFilePermissions(file).stream().anyMatch(OTHERS::contains);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean matches(String field, String value) {
        return field.equals("*") || field.equals(value);
    }

    /** The line's colon-separated fields, unescaped. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
