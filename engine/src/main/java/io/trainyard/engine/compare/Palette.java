package io.trainyard.engine.compare;

/** One colour per configuration, its seeds sharing it: Tableau 10, distinguishable and colour-blind aware. */
final class Palette {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private Palette() {
    }

    /** The colour of the configuration at this index (0 for the best), cycled beyond ten. */
    static String color(int index) {
        return COLORS[index % COLORS.length];
    }
}
