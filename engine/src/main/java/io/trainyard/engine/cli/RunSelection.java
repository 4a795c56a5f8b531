package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.query.FilterParser;
import io.trainyard.engine.query.RunOrder;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import io.trainyard.engine.tracking.RunSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runs a command works on: those named (ids or unique prefixes), in that order, then those a filter passes. */
final class RunSelection {

    private RunSelection() {
    }

    /**
     * @param filter null for none
     * @param everyRunByDefault whether naming nothing means every run (otherwise it is an error)
     */
    static List<RunDetails> select(RunQueries queries, List<String> ids, String filter, boolean everyRunByDefault) {
        if (ids.isEmpty() && filter == null && !everyRunByDefault) {
            throw new TrainyardException("name the runs, or select them with --filter");
        }
        Map<String, RunDetails> runs = new LinkedHashMap<>();
        for (String id : ids) {
            RunDetails details = queries.find(id);
            runs.put(details.summary().id(), details);
        }
        if (filter != null || ids.isEmpty()) {
            for (RunSummary summary : queries.list(Optional.ofNullable(filter).map(FilterParser::parse),
                    RunOrder.parse("start asc"), 0)) {
                runs.computeIfAbsent(summary.id(), queries::find);
            }
        }
        if (runs.isEmpty()) {
            throw new TrainyardException(filter == null ? "the store has no runs yet"
                    : "no run passes the filter; 'trainyard runs --filter ...' shows which do");
        }
        return new ArrayList<>(runs.values());
    }
}
