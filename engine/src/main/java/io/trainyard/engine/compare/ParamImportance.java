package io.trainyard.engine.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How much of the spread of final test accuracy each param explains on its own: its share of the variance, eta
 * squared of a one-way analysis of variance, {@code SS_between(param) / SS_total} over the runs. On a full grid the
 * params' shares add up with the interactions' and the seeds' to 1; the seeds' share is the variance within
 * configurations, the noise any difference has to beat.
 */
public final class ParamImportance {

    /** What the seeds explain: the spread between runs of one configuration. */
    public static final String SEEDS = "seeds (within a configuration)";

    /** One run's final test accuracy with its configuration. */
    private record Scored(Group group, double value) {
    }

    private ParamImportance() {
    }

    /**
     * Each distinguishing param's share, then the seeds' share, in [0, 1]; empty when fewer than three runs have a
     * final accuracy or they all have the same one.
     */
    public static Map<String, Double> of(Comparison comparison) {
        List<Scored> runs = new ArrayList<>();
        for (Group group : comparison.groups()) {
            for (double value : group.finals()) {
                runs.add(new Scored(group, value));
            }
        }
        if (runs.size() < 3) {
            return Map.of();
        }
        double mean = runs.stream().mapToDouble(Scored::value).average().orElseThrow();
        double total = runs.stream().mapToDouble(run -> square(run.value() - mean)).sum();
        if (total == 0) {
            return Map.of();
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        List<String> keys = comparison.groups().get(0).params().keySet().stream().toList();
        for (String key : keys) {
            shares.put(key, between(runs, run -> run.group().params().get(key), mean) / total);
        }
        shares.put(SEEDS, 1 - between(runs, Scored::group, mean) / total);
        return shares;
    }

    /** The sum of squares between the levels of a factor: each level's size times its mean's squared distance. */
    private static double between(List<Scored> runs, Function<Scored, Object> level, double mean) {
        Map<Object, double[]> sums = new HashMap<>();
        for (Scored run : runs) {
            double[] sum = sums.computeIfAbsent(Objects.requireNonNullElse(level.apply(run), "null"),
                    key -> new double[2]);
            sum[0] += run.value();
            sum[1]++;
        }
        return sums.values().stream().mapToDouble(sum -> sum[1] * square(sum[0] / sum[1] - mean)).sum();
    }

    private static double square(double value) {
        return value * value;
    }
}
