package io.trainyard.engine.sweep;

import io.trainyard.engine.text.YamlText;
import io.trainyard.engine.tracking.Trial;
import io.trainyard.engine.training.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trials of a sweep, fixed when the sweep starts and stored with it: every combination of a grid (the last
 * parameter varying fastest, as {@code itertools.product}) or the configurations a random search draws from a
 * stream derived from the experiment's seed; each configuration once per repeat, with seeds {@code seed},
 * {@code seed + 1}, ... (every configuration gets the same seeds, so they differ only in what is swept).
 */
public final class TrialPlan {

    /** The stream random search draws from, derived from the experiment's seed like the run's own streams. */
    public static final String SAMPLE_STREAM = "sweep.sample";

    private TrialPlan() {
    }

    public static List<Trial> of(SweepSpec spec, long seed) {
        List<Map<String, Object>> configurations = spec.method() == SweepSpec.Method.GRID ? grid(spec)
                : random(spec, seed);
        boolean seedSwept = spec.parameters().containsKey("seed");
        List<Trial> trials = new ArrayList<>();
        for (int repeat = 0; repeat < spec.repeats(); repeat++) {
            for (int index = 0; index < configurations.size(); index++) {
                List<String> assignments = new ArrayList<>();
                configurations.get(index).forEach((key, value) -> assignments.add(key + "=" + yaml(value)));
                if (!seedSwept) {
                    assignments.add("seed=" + (seed + repeat));
                }
                trials.add(new Trial(trials.size() + 1, index + 1, repeat + 1, assignments));
            }
        }
        return trials;
    }

    private static List<Map<String, Object>> grid(SweepSpec spec) {
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, Distribution> parameter : spec.parameters().entrySet()) {
            List<Map<String, Object>> extended = new ArrayList<>();
            for (Map<String, Object> partial : combinations) {
                for (Object value : ((Distribution.Choice) parameter.getValue()).values()) {
                    Map<String, Object> combination = new LinkedHashMap<>(partial);
                    combination.put(parameter.getKey(), value);
                    extended.add(combination);
                }
            }
            combinations = extended;
        }
        return combinations;
    }

    private static List<Map<String, Object>> random(SweepSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, SAMPLE_STREAM));
        List<Map<String, Object>> configurations = new ArrayList<>();
        for (int trial = 0; trial < spec.trials(); trial++) {
            Map<String, Object> configuration = new LinkedHashMap<>();
            spec.parameters().forEach((key, distribution) -> configuration.put(key, distribution.sample(random)));
            configurations.add(configuration);
        }
        return configurations;
    }

    /** A value as YAML flow text, which {@code --set} parses back to the same value (doubles bit for bit). */
    static String yaml(Object value) {
        return YamlText.write(value);
    }
}
