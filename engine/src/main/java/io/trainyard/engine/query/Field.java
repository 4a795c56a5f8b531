package io.trainyard.engine.query;

import java.util.List;
import java.util.Locale;

/**
 * What a filter or an ordering names: a run attribute ({@code status}), a param ({@code params.optimizer.lr}), a
 * metric's summary ({@code metrics.test_accuracy}, its last value, or {@code metrics.test_loss.min}) or a tag
 * ({@code tags.baseline}).
 *
 * @param aggregate for metrics: first, last, min or max; otherwise null
 */
public record Field(Scope scope, String name, String aggregate) {

    public enum Scope { ATTRIBUTE, PARAM, METRIC, TAG }

    /** Run attributes and whether each holds a number, a time or text. */
    public enum Attribute {
        ID("r.id", Kind.TEXT), EXPERIMENT("e.name", Kind.TEXT), STATUS("r.status", Kind.TEXT),
        SEED("r.seed", Kind.NUMBER), START("r.start_time", Kind.TIME), END("r.end_time", Kind.TIME),
        NOTE("r.note", Kind.TEXT), PARENT("r.parent_id", Kind.TEXT), SWEEP("r.sweep_id", Kind.TEXT),
        TRIAL("r.trial", Kind.NUMBER);

        enum Kind { NUMBER, TIME, TEXT }

        private final String column;
        private final Kind kind;

        Attribute(String column, Kind kind) {
            this.column = column;
            this.kind = kind;
        }

        String column() {
            return column;
        }

        Kind kind() {
            return kind;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final List<String> AGGREGATES = List.of("first", "last", "min", "max");

    /** How the user writes it. */
    @Override
    public String toString() {
        return switch (scope) {
            case ATTRIBUTE -> name;
            case PARAM -> "params." + name;
            case METRIC -> "metrics." + name + ("last".equals(aggregate) ? "" : "." + aggregate);
            case TAG -> "tags." + name;
        };
    }

    Attribute attribute() {
        return Attribute.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
