package io.trainyard.engine.query;

import java.util.List;

/**
 * A piece of SQL over the runs table {@code r} (joined with experiments {@code e}) and the values of its {@code ?}
 * placeholders, in order. What the user typed only ever travels as one of those values, never as SQL text.
 */
public record SqlFragment(String sql, List<Object> parameters) {

    public SqlFragment {
        parameters = List.copyOf(parameters);
    }
}
