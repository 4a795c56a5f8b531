package io.trainyard.engine.sweep;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.engine.config.ExperimentResolver;
import io.trainyard.engine.text.Suggestion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An experiment file's {@code sweep:} block: which hyperparameters vary and how (a grid of listed values, or a
 * random search over distributions with a budget of trials), how many seeds each configuration runs with, and an
 * optional pruning rule. Errors name the key under {@code sweep} and show what to write.
 *
 * @param parameters dotted key of the experiment (as {@code --set} takes it) to its values, in file order
 * @param trials the number of configurations a random search draws; for a grid, the size of the grid
 * @param repeats runs per configuration, with seeds {@code seed}, {@code seed + 1}, ...
 * @param pruning the median stopping rule, or null
 */
public record SweepSpec(Method method, Map<String, Distribution> parameters, int trials, int repeats,
        MedianRule pruning) {

    public enum Method { GRID, RANDOM }

    /** The experiment file's key of the block. */
    public static final String KEY = ExperimentResolver.SWEEP;

    /** The most runs one sweep plans. */
    public static final int MAX_RUNS = 100_000;

    private static final Set<String> KEYS = Set.of("method", "parameters", "trials", "repeats", "prune");
    private static final Set<String> PRUNE_KEYS = Set.of("rule", "monitor", "mode", "warmup_epochs", "min_trials");
    private static final List<String> DISTRIBUTIONS = List.of("uniform", "log-uniform", "int", "choice");
    private static final String EXAMPLE = "e.g. 'optimizer.lr: [0.1, 0.01]' or 'optimizer.lr: {distribution:"
            + " log-uniform, min: 1.0e-4, max: 0.1}'";

    public SweepSpec {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The sweep block of an experiment's tree, if it has one. */
    public static Optional<SweepSpec> of(Map<String, Object> tree) {
        Object block = tree.get(KEY);
        if (block == null) {
            return Optional.empty();
        }
        Map<String, Object> sweep = mapping(KEY, block, "a mapping with 'parameters' and optionally 'method',"
                + " 'trials', 'repeats' and 'prune'");
        rejectUnknown(KEY, sweep, KEYS);
        Method method = method(sweep.get("method"));
        Map<String, Distribution> parameters = new LinkedHashMap<>();
        Object listed = sweep.get("parameters");
        if (listed != null) {
            mapping("sweep.parameters", listed, "a mapping of dotted keys to values, " + EXAMPLE)
                    .forEach((key, value) -> parameters.put(key, distribution("sweep.parameters." + key, value,
                            method)));
        }
        int repeats = count("sweep.repeats", sweep.get("repeats"), 1);
        if (parameters.isEmpty() && repeats == 1) {
            throw new TrainyardException("sweep: nothing varies; list hyperparameters under 'sweep.parameters' ("
                    + EXAMPLE + "), or set 'sweep.repeats' to run the experiment with several seeds");
        }
        for (String key : parameters.keySet()) {
            checkSweepable(key, repeats);
        }
        int trials;
        if (method == Method.RANDOM) {
            if (sweep.get("trials") == null) {
                throw new TrainyardException("sweep.trials: a random search needs a budget, the number of"
                        + " configurations to draw, e.g. 'trials: 20'");
            }
            trials = count("sweep.trials", sweep.get("trials"), 1);
        } else {
            if (sweep.get("trials") != null) {
                throw new TrainyardException("sweep.trials is the budget of a random search; a grid runs every"
                        + " combination: remove 'trials', or set 'method: random'");
            }
            long combinations = 1;
            for (Distribution values : parameters.values()) {
                combinations = Math.min(MAX_RUNS + 1, combinations * ((Distribution.Choice) values).values().size());
            }
            trials = (int) combinations;
        }
        if ((long) trials * repeats > MAX_RUNS) {
            throw new TrainyardException("sweep: " + (trials > MAX_RUNS ? "over " + MAX_RUNS : trials + " x "
                    + repeats) + " runs is more than a sweep takes (" + MAX_RUNS + "); list fewer values, or use"
                    + " 'method: random' with a budget of trials");
        }
        return Optional.of(new SweepSpec(method, parameters, trials, repeats, pruning(sweep.get("prune"))));
    }

    /** Runs the sweep makes: trials times repeats. */
    public int runs() {
        return trials * repeats;
    }

    private static Method method(Object raw) {
        if (raw == null) {
            return Method.GRID;
        }
        String name = String.valueOf(raw).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "grid" -> Method.GRID;
            case "random" -> Method.RANDOM;
            default -> throw new TrainyardException("sweep.method: '" + raw + "' is not a method; use grid (every"
                    + " combination of listed values) or random (draws from distributions)");
        };
    }

    private static Distribution distribution(String key, Object raw, Method method) {
        if (raw instanceof List<?> values) {
            return choice(key, values);
        }
        if (!(raw instanceof Map<?, ?>)) {
            throw new TrainyardException(key + ": '" + raw + "' is a single value; list the values to try, or give"
                    + " a distribution, " + EXAMPLE.replace("optimizer.lr: ", ""));
        }
        Map<String, Object> spec = mapping(key, raw, "");
        String kind = spec.containsKey("distribution") ? String.valueOf(spec.get("distribution"))
                : spec.containsKey("values") ? "choice" : null;
        if (kind == null) {
            throw new TrainyardException(key + ": say which distribution ('distribution: uniform', 'log-uniform',"
                    + " 'int' or 'choice'), or list the values; to sweep a whole section, list its variants:"
                    + " '[{name: sgd, lr: 0.1}, {name: adam}]'");
        }
        if (!kind.equals("choice") && method == Method.GRID) {
            throw new TrainyardException(key + ": a grid tries listed values, not a " + kind + " distribution; list"
                    + " the values, or set 'sweep.method: random'");
        }
        return switch (kind) {
            case "choice" -> {
                rejectUnknown(key, spec, Set.of("distribution", "values"));
                if (!(spec.get("values") instanceof List<?> values)) {
                    throw new TrainyardException(key + ".values: list the values, e.g. 'values: [sgd, adam]'");
                }
                yield choice(key, values);
            }
            case "uniform", "log-uniform" -> {
                rejectUnknown(key, spec, Set.of("distribution", "min", "max"));
                double min = number(key + ".min", spec.get("min"));
                double max = number(key + ".max", spec.get("max"));
                if (!(min < max)) {
                    throw new TrainyardException(key + ": min (" + min + ") must be below max (" + max + ")");
                }
                if (kind.equals("log-uniform") && min <= 0) {
                    throw new TrainyardException(key + ": a log-uniform range must be positive, got min " + min
                            + "; use 'uniform' for a range that includes 0");
                }
                yield kind.equals("uniform") ? new Distribution.Uniform(min, max)
                        : new Distribution.LogUniform(min, max);
            }
            case "int" -> {
                rejectUnknown(key, spec, Set.of("distribution", "min", "max"));
                long min = whole(key + ".min", spec.get("min"));
                long max = whole(key + ".max", spec.get("max"));
                if (min > max) {
                    throw new TrainyardException(key + ": min (" + min + ") must not exceed max (" + max + ")");
                }
                yield new Distribution.IntUniform(min, max);
            }
            default -> throw new TrainyardException(key + ".distribution: '" + kind + "' is not a distribution;"
                    + " use one of " + String.join(", ", DISTRIBUTIONS) + Suggestion.hint(kind, DISTRIBUTIONS));
        };
    }

    private static Distribution choice(String key, List<?> values) {
        if (values.isEmpty()) {
            throw new TrainyardException(key + ": the list of values is empty; list at least one");
        }
        return new Distribution.Choice(List.copyOf(values));
    }

    /** Keys a sweep cannot vary: the thread budget is the sweep's, the seed is the repeats'. */
    private static void checkSweepable(String key, int repeats) {
        switch (key) {
            case KEY -> throw new TrainyardException("sweep.parameters: a sweep cannot sweep itself; remove"
                    + " 'sweep' from the parameters");
            case "threads" -> throw new TrainyardException("sweep.parameters.threads: the sweep gives each trial its"
                    + " share of the cores (see --parallel); remove 'threads' from the parameters");
            case "seed" -> {
                if (repeats > 1) {
                    throw new TrainyardException("sweep.parameters.seed: 'repeats' already draws the seeds (seed,"
                            + " seed + 1, ...); sweep the seed or set repeats, not both");
                }
            }
            default -> {
                if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
                    throw new TrainyardException("sweep.parameters: '" + key + "' is not a dotted key such as"
                            + " optimizer.lr");
                }
            }
        }
    }

    private static MedianRule pruning(Object raw) {
        if (raw == null || Boolean.FALSE.equals(raw)) {
            return null;
        }
        Map<String, Object> prune = mapping("sweep.prune", raw, "a mapping such as '{rule: median, monitor:"
                + " test_accuracy}'");
        rejectUnknown("sweep.prune", prune, PRUNE_KEYS);
        Object rule = prune.getOrDefault("rule", "median");
        if (!"median".equals(rule)) {
            throw new TrainyardException("sweep.prune.rule: '" + rule + "' is not a pruning rule; the one there is"
                    + " 'median' (stop a trial whose best so far is worse than the median of completed trials)");
        }
        String monitor = String.valueOf(prune.getOrDefault("monitor", "test_accuracy"));
        if (!monitor.matches("[a-z][a-z0-9_]{0,99}")) {
            throw new TrainyardException("sweep.prune.monitor: '" + monitor + "' is not a metric name such as"
                    + " test_accuracy, test_loss or a metric a callback logs");
        }
        Object mode = prune.getOrDefault("mode", MetricNames.higherIsBetter(monitor) ? "max" : "min");
        if (!"min".equals(mode) && !"max".equals(mode)) {
            throw new TrainyardException("sweep.prune.mode: '" + mode + "' must be min or max");
        }
        int warmup = prune.get("warmup_epochs") == null ? MedianRule.DEFAULT_WARMUP_EPOCHS
                : count("sweep.prune.warmup_epochs", prune.get("warmup_epochs"), 0);
        int minTrials = prune.get("min_trials") == null ? MedianRule.DEFAULT_MIN_TRIALS
                : count("sweep.prune.min_trials", prune.get("min_trials"), 1);
        return new MedianRule(monitor, "max".equals(mode), warmup, minTrials);
    }

    private static int count(String key, Object raw, int min) {
        if (raw == null) {
            return min;
        }
        if (!(raw instanceof Integer || raw instanceof Long) || ((Number) raw).longValue() < min
                || ((Number) raw).longValue() > 1_000_000) {
            throw new TrainyardException(key + " must be a whole number from " + min + " to 1000000, got '" + raw
                    + "'");
        }
        return ((Number) raw).intValue();
    }

    private static double number(String key, Object raw) {
        if (!(raw instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new TrainyardException(key + " must be a finite number, got '" + raw + "'");
        }
        return number.doubleValue();
    }

    private static long whole(String key, Object raw) {
        if (!(raw instanceof Integer || raw instanceof Long)) {
            throw new TrainyardException(key + " must be a whole number, got '" + raw + "'");
        }
        return ((Number) raw).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(String key, Object raw, String expected) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new TrainyardException(key + " must be " + expected + ", got '" + raw + "'");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) map).forEach((name, value) -> copy.put(String.valueOf(name), value));
        return copy;
    }

    private static void rejectUnknown(String key, Map<String, Object> map, Set<String> known) {
        for (String name : map.keySet()) {
            if (!known.contains(name)) {
                throw new TrainyardException(key + ": unknown key '" + name + "'" + Suggestion.hint(name, known)
                        + "; the keys are " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
