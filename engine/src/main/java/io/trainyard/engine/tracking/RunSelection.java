package io.trainyard.engine.tracking;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.query.FilterParser;
import io.trainyard.engine.query.RunOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs a command or a dashboard page works on: those named (ids or unique prefixes), in that order, then those a
 * filter passes.
 */
public final class RunSelection {

    private RunSelection() {
    }

    /**
     * @param filter null for none
     * @param everyRunByDefault whether naming nothing means every run (otherwise it is an error)
     * @param reading how much of each run the caller needs
     */
    public static List<RunDetails> select(RunQueries queries, List<String> ids, String filter,
            boolean everyRunByDefault, Reading reading) {
        if (ids.isEmpty() && filter == null && !everyRunByDefault) {
            throw new TrainyardException("name the runs, or select them with --filter");
        }
        Map<String, RunSummary> runs = new LinkedHashMap<>();
        for (String id : ids) {
            RunSummary named = queries.find(id).summary();
            runs.putIfAbsent(named.id(), named);
        }
        if (filter != null || ids.isEmpty()) {
            queries.list(Optional.ofNullable(filter).map(FilterParser::parse), RunOrder.parse("start asc"), 0)
                    .forEach(summary -> runs.putIfAbsent(summary.id(), summary));
        }
        if (runs.isEmpty()) {
            throw new TrainyardException(filter == null ? "the store has no runs yet"
                    : "no run passes the filter; 'trainyard runs --filter ...' shows which do");
        }
        return queries.details(new ArrayList<>(runs.values()), reading);
    }
}
