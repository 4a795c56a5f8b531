package io.trainyard.api.callback;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The rules for names passed to {@link RunContext#logMetric}, shared by every implementation of the context. */
public final class MetricNames {

    /** The metrics the engine records for every epoch, in the order tables and exports list them. */
    public static final Set<String> BUILT_IN = Collections.unmodifiableSet(new LinkedHashSet<>(List.of("train_loss",
            "train_accuracy", "test_loss", "test_accuracy", "epoch_seconds")));

    private MetricNames() {
    }

    /**
     * Whether a higher value of the metric is the better one, judged from its name as Keras's {@code mode="auto"}
     * does: an accuracy (and an AUC or F1 score) is better higher; a loss, an error, a time and anything else lower.
     * Early stopping, pruning and the exports' "best" columns all ask here.
     */
    public static boolean higherIsBetter(String name) {
        return name.contains("accuracy") || name.contains("auc") || name.startsWith("f1") || name.contains("_f1");
    }

    /** Returns the name if a callback may log it, else throws an {@link IllegalArgumentException} saying why. */
    public static String check(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,99}")) {
            throw new IllegalArgumentException("metric name '" + name + "' must be lower-case snake_case (letters,"
                    + " digits, '_'), starting with a letter, at most 100 characters, e.g. learning_rate");
        }
        if (BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("metric '" + name + "' is recorded by the engine; log under another"
                    + " name");
        }
        return name;
    }
}
