package io.trainyard.plugins.metric;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code top-k-accuracy}: the fraction of test samples whose target class is among the model's {@code k} highest
 * scores, logged each epoch as {@code test_top<k>_accuracy} (as torchmetrics' {@code MulticlassAccuracy(top_k=k)}).
 * A sample counts when fewer than {@code k} classes score strictly higher than its target, so ties count in its
 * favour; with {@code k = 1} and no ties it is the test accuracy.
 */
public final class TopKAccuracyFactory implements CallbackFactory {

    @Override
    public String name() {
        return "top-k-accuracy";
    }

    @Override
    public String description() {
        return "Logs test_top<k>_accuracy each epoch: the target among the k highest scores";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(HyperParameter.integer("k", 5, Range.atLeast(1), "how many of the highest scores count"));
    }

    @Override
    public Callback create(PluginConfig config) {
        return new TopK(config.getInt("k"));
    }

    /** Counts hits over an evaluation pass; logs and clears them at its end. */
    static final class TopK implements Callback {

        private final int k;
        private final String metric;
        private long hits;
        private long samples;

        TopK(int k) {
            this.k = k;
            this.metric = "test_top" + k + "_accuracy";
        }

        @Override
        public Set<String> loggedMetrics() {
            return Set.of(metric);
        }

        @Override
        public void onEvaluationBatch(RunContext run, int epoch, INDArray outputs, INDArray targets) {
            Scores scores = new Scores(outputs, targets);
            for (int row = 0; row < scores.rows(); row++) {
                double target = scores.value(row, scores.target(row));
                int higher = 0;
                for (int column = 0; column < scores.columns() && higher < k; column++) {
                    if (scores.value(row, column) > target) {
                        higher++;
                    }
                }
                if (higher < k) {
                    hits++;
                }
            }
            samples += scores.rows();
        }

        @Override
        public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
            if (samples > 0) {
                run.logMetric(metric, (double) hits / samples);
            }
            hits = 0;
            samples = 0;
        }
    }
}
