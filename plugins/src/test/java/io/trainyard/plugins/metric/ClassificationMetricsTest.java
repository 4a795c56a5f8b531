package io.trainyard.plugins.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trainyard.api.PluginConfig;
import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.model.Parameters;
import io.trainyard.testkit.TestRun;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Top-k and per-class accuracy against counts made by hand, and against the test accuracy they generalise. */
class ClassificationMetricsTest {

    /** Four samples, three classes; targets 0, 2, 1, 1. */
    private static final float[][] OUTPUTS = {
        {2.0f, 1.0f, 0.0f}, // target 0: first          -> top-1 hit
        {0.5f, 3.0f, 1.0f}, // target 2: second          -> top-2 hit
        {1.0f, 0.0f, 2.0f}, // target 1: third           -> top-3 only
        {1.0f, 1.0f, 0.0f}, // target 1: tied for first -> counts for top-1; argmax picks class 0
    };
    private static final float[] TARGETS = {0, 2, 1, 1};

    @Test
    void topKCountsTheTargetAmongTheKHighestScoresWithTiesInItsFavour() {
        assertEquals(0.5, evaluate(new TopKAccuracyFactory(), Map.of("k", 1L)).get("test_top1_accuracy"));
        assertEquals(0.75, evaluate(new TopKAccuracyFactory(), Map.of("k", 2L)).get("test_top2_accuracy"));
        assertEquals(1.0, evaluate(new TopKAccuracyFactory(), Map.of("k", 3L)).get("test_top3_accuracy"));
        assertEquals(1.0, evaluate(new TopKAccuracyFactory(), Map.of()).get("test_top5_accuracy"),
                "k beyond the classes: every sample");
    }

    @Test
    void perClassAccuracyIsEachClasssRecallAndLogsNothingForAClassWithoutSamples() {
        Map<String, Double> logged = evaluate(new PerClassAccuracyFactory(), Map.of());
        // class 0: 1 of 1; class 1: samples 3 (predicted 2) and 4 (predicted 0): 0 of 2; class 2: sample 2 -> 1.
        assertEquals(Map.of("test_accuracy_class_0", 1.0, "test_accuracy_class_1", 0.0, "test_accuracy_class_2",
                0.0), logged);
        INDArray outputs = Nd4j.createFromArray(new float[][] {{0f, 1f, 0f}, {0f, 1f, 0f}});
        INDArray targets = Nd4j.createFromArray(new float[] {1, 1});
        assertEquals(Map.of("test_accuracy_class_1", 1.0), evaluate(new PerClassAccuracyFactory(), Map.of(),
                outputs, targets), "classes 0 and 2 had no sample");
    }

    @Test
    void onRandomBatchesTopOneIsTheAccuracyAndTheClassesAverageToItWeightedByTheirSamples() {
        SplittableRandom random = new SplittableRandom(7);
        int rows = 500;
        int classes = 10;
        float[][] scores = new float[rows][classes];
        float[] labels = new float[rows];
        int[] perClass = new int[classes];
        int correct = 0;
        for (int row = 0; row < rows; row++) {
            int best = 0;
            for (int c = 0; c < classes; c++) {
                scores[row][c] = (float) random.nextGaussian();
                best = scores[row][c] > scores[row][best] ? c : best;
            }
            labels[row] = random.nextInt(classes);
            perClass[(int) labels[row]]++;
            correct += best == (int) labels[row] ? 1 : 0;
        }
        INDArray outputs = Nd4j.createFromArray(scores);
        INDArray targets = Nd4j.createFromArray(labels);
        assertEquals((double) correct / rows, evaluate(new TopKAccuracyFactory(), Map.of("k", 1L), outputs, targets)
                .get("test_top1_accuracy"));
        Map<String, Double> byClass = evaluate(new PerClassAccuracyFactory(), Map.of(), outputs, targets);
        double weighted = 0;
        for (int c = 0; c < classes; c++) {
            weighted += byClass.get("test_accuracy_class_" + c) * perClass[c];
        }
        assertEquals((double) correct / rows, weighted / rows, 1e-12);
    }

    @Test
    void eachEpochCountsItsOwnPassAndATargetOutsideTheOutputsIsRefused() {
        Callback topOne = create(new TopKAccuracyFactory(), Map.of("k", 1L));
        TestRun run = new TestRun(2, 4, 4, Map.of());
        INDArray outputs = Nd4j.createFromArray(OUTPUTS);
        topOne.onEvaluationBatch(run, 1, outputs, Nd4j.createFromArray(TARGETS));
        topOne.onEvaluationEnd(run, 1, new Evaluation(0, 0, 4));
        run.startEpoch();
        topOne.onEvaluationBatch(run, 2, outputs, Nd4j.createFromArray(new float[] {0, 1, 2, 0}));
        topOne.onEvaluationEnd(run, 2, new Evaluation(0, 0, 4));
        assertEquals(1.0, run.epochMetrics().get("test_top1_accuracy"), "the second pass alone (both: 0.75)");
        TrainyardException outside = assertThrows(TrainyardException.class, () -> topOne.onEvaluationBatch(run, 3,
                outputs, Nd4j.createFromArray(new float[] {0, 1, 2, 3})));
        assertEquals("target class 3 of a test sample is outside the model's 3 outputs", outside.getMessage());
    }

    private static Map<String, Double> evaluate(CallbackFactory factory, Map<String, ?> settings) {
        return evaluate(factory, settings, Nd4j.createFromArray(OUTPUTS), Nd4j.createFromArray(TARGETS));
    }

    /** One evaluation pass in two batches, the outputs as views into one array (the second at an offset). */
    private static Map<String, Double> evaluate(CallbackFactory factory, Map<String, ?> settings, INDArray outputs,
            INDArray targets) {
        Callback callback = create(factory, settings);
        TestRun run = new TestRun(1, 4, 4, Map.of());
        long rows = outputs.size(0);
        long half = rows / 2;
        for (long[] range : new long[][] {{0, half}, {half, rows}}) {
            INDArray batch = outputs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(range[0], range[1]),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray labels = Nd4j.createFromArray(java.util.Arrays.copyOfRange(targets.toFloatVector(),
                    (int) range[0], (int) range[1]));
            callback.onEvaluationBatch(run, 1, batch, labels);
        }
        callback.onEvaluationEnd(run, 1, new Evaluation(0, 0, (int) rows));
        return Map.copyOf(run.epochMetrics());
    }

    private static Callback create(CallbackFactory factory, Map<String, ?> settings) {
        PluginConfig config = PluginConfig.withDefaults(factory, settings);
        factory.validate(config);
        return factory.create(config);
    }

    @Test
    void weightNormIsTheL2NormOfEveryParameterReadThroughTheRun() {
        Parameters parameters = new Parameters(DataType.FLOAT, 4);
        parameters.values().assign(Nd4j.createFromArray(1f, -2f, 2f, 4f)); // sqrt(1 + 4 + 4 + 16) = 5
        TestRun run = new TestRun(1, 4, 4, Map.of()).withParameters(parameters);
        Callback callback = new WeightNormFactory().create(PluginConfig.withDefaults(new WeightNormFactory(),
                Map.of()));
        callback.onEvaluationEnd(run, 1, new Evaluation(0.5, 0.5, 4));
        assertEquals(5.0, run.epochMetrics().get("weight_norm"));
        parameters.values().muli(2);
        callback.onEvaluationEnd(run, 2, new Evaluation(0.5, 0.5, 4));
        assertEquals(10.0, run.epochMetrics().get("weight_norm"), "the view follows the training parameters");
    }
}
