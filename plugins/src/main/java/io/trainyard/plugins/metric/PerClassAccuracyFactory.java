package io.trainyard.plugins.metric;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code per-class-accuracy}: for each class, the fraction of its test samples predicted as it (the class's recall,
 * as torchmetrics' {@code MulticlassAccuracy(average=None)}), logged each epoch as {@code test_accuracy_class_<c>};
 * a class with no test sample logs nothing. Weighted by each class's samples, they average to the test accuracy.
 */
public final class PerClassAccuracyFactory implements CallbackFactory {

    @Override
    public String name() {
        return "per-class-accuracy";
    }

    @Override
    public String description() {
        return "Logs test_accuracy_class_<c> each epoch: the fraction of class c's test samples predicted as c";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of();
    }

    @Override
    public Callback create(PluginConfig config) {
        return new PerClass();
    }

    /** Counts per class over an evaluation pass; logs and clears them at its end. */
    static final class PerClass implements Callback {

        private long[] correct;
        private long[] samples;
        private String[] names;

        @Override
        public void onEvaluationBatch(RunContext run, int epoch, INDArray outputs, INDArray targets) {
            Scores scores = new Scores(outputs, targets);
            if (correct == null) { // once per run: the number of classes is known from the first batch
                correct = new long[scores.columns()];
                samples = new long[scores.columns()];
                names = new String[scores.columns()];
                for (int c = 0; c < names.length; c++) {
                    names[c] = "test_accuracy_class_" + c;
                }
            }
            for (int row = 0; row < scores.rows(); row++) {
                int target = scores.target(row);
                samples[target]++;
                if (scores.predicted(row) == target) {
                    correct[target]++;
                }
            }
        }

        @Override
        public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
            if (correct == null) {
                return;
            }
            for (int c = 0; c < correct.length; c++) {
                if (samples[c] > 0) {
                    run.logMetric(names[c], (double) correct[c] / samples[c]);
                }
            }
            java.util.Arrays.fill(correct, 0);
            java.util.Arrays.fill(samples, 0);
        }
    }
}
