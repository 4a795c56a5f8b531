package io.trainyard.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class SweepSpecTest {

    @Test
    void anExperimentWithoutASweepBlockHasNoSpec() {
        assertTrue(SweepSpec.of(Map.of("name", "x")).isEmpty());
    }

    @Test
    void readsMethodBudgetRepeatsAndPruningWithDefaults() {
        SweepSpec spec = TrialPlanTest.spec("""
                sweep:
                  method: random
                  trials: 12
                  repeats: 2
                  parameters: {optimizer.lr: {distribution: log-uniform, min: 1.0e-4, max: 0.1}}
                  prune: {monitor: test_loss}
                """);
        assertEquals(SweepSpec.Method.RANDOM, spec.method());
        assertEquals(24, spec.runs());
        assertEquals(new Distribution.LogUniform(1e-4, 0.1), spec.parameters().get("optimizer.lr"));
        assertEquals(new MedianRule("test_loss", false, 0, 5), spec.pruning());
        assertEquals(6, TrialPlanTest.spec("sweep: {parameters: {a.b: [1, 2, 3], c: {values: [x, y]}}}").trials());
    }

    @Test
    void malformedBlocksGetOneErrorNamingTheKeyAndTheFix() {
        assertError("sweep {parameters: {optimizer.lr: {distribution: uniform, min: 0, max: 1}}}",
                "sweep.parameters.optimizer.lr: a grid tries listed values, not a uniform distribution; list the"
                        + " values, or set 'sweep.method: random'");
        assertError("sweep {method: random, parameters: {optimizer.lr: [0.1]}}",
                "sweep.trials: a random search needs a budget, the number of configurations to draw, e.g."
                        + " 'trials: 20'");
        assertError("sweep {parameters: {optimizer.lr: [0.1]}, trials: 3}",
                "sweep.trials is the budget of a random search; a grid runs every combination: remove 'trials',"
                        + " or set 'method: random'");
        assertError("sweep {parameters: {optimizer.lr: 0.1}}", "sweep.parameters.optimizer.lr: '0.1' is a single"
                + " value; list the values to try, or give a distribution, e.g. '[0.1, 0.01]' or"
                + " '{distribution: log-uniform, min: 1.0e-4, max: 0.1}'");
        assertError("sweep {parameters: {seed: [1, 2]}, repeats: 2}", "sweep.parameters.seed: 'repeats' already"
                + " draws the seeds (seed, seed + 1, ...); sweep the seed or set repeats, not both");
        assertError("sweep {parameters: {threads: [1, 2]}}", "sweep.parameters.threads: the sweep gives each trial"
                + " its share of the cores (see --parallel); remove 'threads' from the parameters");
        assertError("sweep {repeat: 3}", "sweep: unknown key 'repeat' (did you mean 'repeats'?); the keys are"
                + " method, parameters, prune, repeats, trials");
        assertError("sweep {method: random, trials: 2, parameters: {x: {distribution: log-uniform, min: 0, max: 1}}}",
                "sweep.parameters.x: a log-uniform range must be positive, got min 0.0; use 'uniform' for a range"
                        + " that includes 0");
        assertError("sweep {method: random, trials: 2, parameters: {x: {distribution: normal, min: 0, max: 1}}}",
                "sweep.parameters.x.distribution: 'normal' is not a distribution; use one of uniform, log-uniform,"
                        + " int, choice");
        assertError("sweep {parameters: {x: []}}", "sweep.parameters.x: the list of values is empty; list at least"
                + " one");
        assertError("sweep {}", "sweep: nothing varies; list hyperparameters under 'sweep.parameters' (e.g."
                + " 'optimizer.lr: [0.1, 0.01]' or 'optimizer.lr: {distribution: log-uniform, min: 1.0e-4, max:"
                + " 0.1}'), or set 'sweep.repeats' to run the experiment with several seeds");
        assertError("sweep {repeats: 2, prune: {rule: halving}}", "sweep.prune.rule: 'halving' is not a pruning"
                + " rule; the one there is 'median' (stop a trial whose best so far is worse than the median of"
                + " completed trials)");
        assertError("sweep {parameters: {a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],"
                + " c: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], d: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],"
                + " e: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], f: [1, 2]}}", "sweep: over 100000 runs is more than a sweep takes"
                + " (100000); list fewer values, or use 'method: random' with a budget of trials");
    }

    private static void assertError(String yaml, String message) {
        Map<String, Object> tree = new Yaml().load(yaml.replaceFirst("^sweep ", "sweep: "));
        TrainyardException error = assertThrows(TrainyardException.class, () -> SweepSpec.of(tree));
        assertEquals(message, error.getMessage());
    }
}
