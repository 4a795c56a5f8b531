package io.trainyard.engine.tracking;

/**
 * How much of each run {@link RunQueries#details} reads: comparing ten thousand runs needs their params and metric
 * summaries, not the thirty provenance facts of each (which would be most of the rows read).
 */
public enum Reading {
    /** The summary, params and metric summaries: what a comparison table needs. */
    SUMMARIES,
    /** Those and every epoch's metrics: curves and exports. */
    EPOCHS,
    /** Everything: also provenance, tags, note and the step count, as {@code show} gives one run. */
    EVERYTHING;

    boolean epochs() {
        return this != SUMMARIES;
    }

    boolean everything() {
        return this == EVERYTHING;
    }
}
