package io.trainyard.engine.tracking;

import java.util.List;

/**
 * One planned run of a sweep.
 *
 * @param number 1, 2, ... in the order trials start: every configuration's first seed, then every second seed
 * @param configuration which combination of swept values, from 1
 * @param repeat which seed of that configuration, from 1
 * @param assignments the {@code KEY=VALUE} overrides that make the trial's experiment, its seed included
 */
public record Trial(int number, int configuration, int repeat, List<String> assignments) {

    public Trial {
        assignments = List.copyOf(assignments);
    }

    /** How users see the trial: its assignments, space-separated. */
    public String label() {
        return String.join(" ", assignments);
    }
}
