package io.trainyard.plugins.host;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Something a layer or a loss makes once per array it meets (bound ops, host views), found again by identity. The
 * training loop hands it the same few buffers every epoch (one per batch size), so after the first epoch a lookup
 * never creates anything; the oldest entry makes room when the capacity is reached.
 */
public final class PerBuffer<V> {

    private final int capacity;
    private final Function<INDArray, V> create;
    private final List<INDArray> keys;
    private final List<V> values;

    public PerBuffer(int capacity, Function<INDArray, V> create) {
        this.capacity = capacity;
        this.create = create;
        this.keys = new ArrayList<>(capacity);
        this.values = new ArrayList<>(capacity);
    }

    public V get(INDArray key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) == key) {
                return values.get(i);
            }
        }
        if (keys.size() == capacity) {
            keys.remove(0);
            values.remove(0);
        }
        V created = create.apply(key);
        keys.add(key);
        values.add(created);
        return created;
    }
}
