package io.trainyard.plugins.data;

import io.trainyard.api.data.DataSplit;
import io.trainyard.api.data.Dataset;

/** A classification dataset read from IDX files into memory. */
record IdxDataset(DataSplit train, DataSplit test, long[] sampleShape, int classes, String sha256)
        implements Dataset {

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }
}
