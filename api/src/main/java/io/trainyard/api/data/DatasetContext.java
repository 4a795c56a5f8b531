package io.trainyard.api.data;

import java.nio.file.Path;

/**
 * What a dataset gets from the run that loads it.
 *
 * @param cacheDirectory a writable directory shared by runs, where a dataset may keep files it downloads, e.g.
 *     {@code ~/.cache/trainyard/datasets}
 * @param seed the run's seed stream for its data ({@code seed.data.generate} in its record): draw generated samples
 *     or a random split from it, so that the same experiment and seed give the same data, and a new seed new data.
 *     A dataset read from files ignores it.
 */
public record DatasetContext(Path cacheDirectory, long seed) {

    /** A context with seed 0, for tests of datasets that draw nothing. */
    public DatasetContext(Path cacheDirectory) {
        this(cacheDirectory, 0);
    }

    public DatasetContext withSeed(long seed) {
        return new DatasetContext(cacheDirectory, seed);
    }
}
