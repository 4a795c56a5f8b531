package io.trainyard.engine.query;

import java.util.List;

/** A parsed run filter, e.g. {@code params.optimizer.name = 'sgd' and metrics.test_accuracy >= 0.8}. */
public sealed interface Filter {

    record And(Filter left, Filter right) implements Filter {
    }

    record Or(Filter left, Filter right) implements Filter {
    }

    record Not(Filter operand) implements Filter {
    }

    /**
     * {@code field op value}, or {@code field in (values)} with {@link Operator#IN}.
     *
     * @param values one value, or the list of {@code in}; each a {@code Double}, {@code Boolean} or {@code String}
     */
    record Comparison(Field field, Operator operator, List<Object> values) implements Filter {
    }

    enum Operator {
        EQUAL("="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="),
        MATCHES("~"), IN("in");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
