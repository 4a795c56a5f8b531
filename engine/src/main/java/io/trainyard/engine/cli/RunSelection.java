package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.query.FilterParser;
import io.trainyard.engine.query.RunOrder;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The runs a command works on: those named (ids or unique prefixes), in that order, then those a filter passes. */
final class RunSelection {

    private RunSelection() {
    }

    /**
     * @param filter null for none
     * @param everyRunByDefault whether naming nothing means every run (otherwise it is an error)
     * @param withEpochs whether the caller needs every epoch's metrics, not only their summaries
     */
    static List<RunDetails> select(RunQueries queries, List<String> ids, String filter, boolean everyRunByDefault,
            boolean withEpochs) {
        if (ids.isEmpty() && filter == null && !everyRunByDefault) {
            throw new TrainyardException("name the runs, or select them with --filter");
        }
        Set<String> runs = new LinkedHashSet<>();
        for (String id : ids) {
            runs.add(queries.find(id).summary().id());
        }
        if (filter != null || ids.isEmpty()) {
            queries.list(Optional.ofNullable(filter).map(FilterParser::parse), RunOrder.parse("start asc"), 0)
                    .forEach(summary -> runs.add(summary.id()));
        }
        if (runs.isEmpty()) {
            throw new TrainyardException(filter == null ? "the store has no runs yet"
                    : "no run passes the filter; 'trainyard runs --filter ...' shows which do");
        }
        return queries.details(new ArrayList<>(runs), withEpochs);
    }
}
