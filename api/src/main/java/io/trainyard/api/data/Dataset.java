package io.trainyard.api.data;

/** A loaded dataset: a training split, a test split and what a model needs to know about their shape. */
public interface Dataset {

    DataSplit train();

    DataSplit test();

    /** Shape of one sample without the batch dimension, e.g. {@code [1, 28, 28]}. */
    long[] sampleShape();

    /** Shape of one target without the batch dimension: empty for a class index. */
    default long[] targetShape() {
        return new long[0];
    }

    /** Number of classes for classification; 0 for regression. */
    int classes();

    /** SHA-256 (hex) over the dataset's files, recorded with each run so results can be traced to their data. */
    String sha256();
}
