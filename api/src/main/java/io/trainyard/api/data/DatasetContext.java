package io.trainyard.api.data;

import java.nio.file.Path;

/**
 * Where a dataset may keep files it downloads.
 *
 * @param cacheDirectory a writable directory shared by runs, e.g. {@code ~/.cache/trainyard/datasets}
 */
public record DatasetContext(Path cacheDirectory) {
}
