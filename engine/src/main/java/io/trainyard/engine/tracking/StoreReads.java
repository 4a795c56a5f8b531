package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One query on a connection of its own, and the conversions every reader of the store needs. */
final class StoreReads {

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    interface Reader<T> {
        T read(ResultSet result) throws SQLException;
    }

    private final Database database;

    StoreReads(Database database) {
        this.database = database;
    }

    /**
     * Runs the query on a connection of its own. A query whose connection was lost (the process that served the
     * store to this one has exited) is asked again on a new connection (see {@link Database#worthRetrying}).
     */
    <T> T query(String sql, Binder binder, Reader<T> reader) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = database.connect();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet result = statement.executeQuery()) {
                    return reader.read(result);
                }
            } catch (SQLException e) {
                if (database.worthRetrying(e, attempt)) {
                    continue;
                }
                throw new StoreException("reading the store failed: " + StoreErrors.describe(e, database.location()),
                        e);
            }
        }
    }

    /** Binds run ids to the statement's one array parameter, as an array of text on every database. */
    static void bindIds(PreparedStatement statement, Object[] ids) throws SQLException {
        statement.setArray(1, statement.getConnection().createArrayOf("VARCHAR", ids));
    }

    /** A nullable number column, NULL read as NaN. */
    static double number(ResultSet result, int column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? Double.NaN : value;
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * The one record whose id is {@code idOrPrefix}, or the only one it prefixes.
     *
     * @param matches the records whose id starts with {@code idOrPrefix}
     * @param kind "run" or "sweep", for messages; {@code trainyard <kind>s} lists them
     */
    static <T> T unique(List<T> matches, Function<T, String> id, String idOrPrefix, String kind) {
        Optional<T> exact = matches.stream().filter(match -> id.apply(match).equals(idOrPrefix)).findFirst();
        if (exact.isEmpty() && matches.size() != 1) {
            throw new TrainyardException(matches.isEmpty()
                    ? "no " + kind + " '" + idOrPrefix + "' in the store; 'trainyard " + kind + "s' lists the " + kind
                            + "s"
                    : kind + " id prefix '" + idOrPrefix + "' matches " + matches.size() + " " + kind + "s; give more"
                            + " of the id");
        }
        return exact.orElse(matches.get(0));
    }

    /** {@code text} matched literally by {@code LIKE ... ESCAPE '\'}. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
