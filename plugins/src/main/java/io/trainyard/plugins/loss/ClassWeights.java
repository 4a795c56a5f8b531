package io.trainyard.plugins.loss;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.TrainyardException;
import java.util.List;

/** Optional per-class weights, PyTorch's {@code weight} argument of the classification losses. */
final class ClassWeights {

    static final HyperParameter PARAMETER = HyperParameter.decimalList("weight", null, Range.atLeast(0),
            "weight of each class (default: all 1)");

    private final double[] weights;

    private ClassWeights(double[] weights) {
        this.weights = weights;
    }

    static ClassWeights of(PluginConfig config) {
        List<Double> given = config.getDoubleList("weight");
        return new ClassWeights(given == null ? null : given.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static ClassWeights uniform() {
        return new ClassWeights(null);
    }

    static ClassWeights of(double... weights) {
        return new ClassWeights(weights.clone());
    }

    double weight(int classIndex) {
        return weights == null ? 1.0 : weights[classIndex];
    }

    /** The sum of all class weights. */
    double total(int classes) {
        if (weights == null) {
            return classes;
        }
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        return total;
    }

    void check(int classes) {
        if (weights != null && weights.length != classes) {
            throw new TrainyardException("loss.weight has " + weights.length + " entries but the model has "
                    + classes + " outputs; give one weight per class");
        }
    }

    /** The class index a target holds, or a clear error. */
    static int classIndex(String loss, double target, int classes) {
        int index = (int) target;
        if (index != target || index < 0 || index >= classes) {
            throw new TrainyardException(loss + " got target " + target + " but the model has " + classes
                    + " outputs: targets must be class indices 0.." + (classes - 1));
        }
        return index;
    }
}
