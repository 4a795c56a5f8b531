package io.trainyard.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.config.Overrides;
import io.trainyard.engine.tracking.Trial;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class TrialPlanTest {

    @Test
    void aGridRunsEveryCombinationLastParameterFastestEachSeedRoundAfterTheOther() {
        List<Trial> trials = TrialPlan.of(spec("""
                sweep:
                  parameters:
                    optimizer.lr: [0.1, 0.01]
                    model.hidden: [[16], [32, 32]]
                  repeats: 2
                """), 7);
        assertEquals(8, trials.size());
        assertEquals(List.of("optimizer.lr=0.1", "model.hidden=[16]", "seed=7"), trials.get(0).assignments());
        assertEquals(List.of("optimizer.lr=0.1", "model.hidden=[32, 32]", "seed=7"), trials.get(1).assignments());
        assertEquals(List.of("optimizer.lr=0.01", "model.hidden=[16]", "seed=7"), trials.get(2).assignments());
        assertEquals(List.of("optimizer.lr=0.01", "model.hidden=[32, 32]", "seed=8"), trials.get(7).assignments());
        assertEquals(new Trial(5, 1, 2, List.of("optimizer.lr=0.1", "model.hidden=[16]", "seed=8")), trials.get(4));
    }

    @Test
    void aWholeSectionCanBeSweptSoEachPluginGetsItsOwnHyperparameters() {
        List<Trial> trials = TrialPlan.of(spec("""
                sweep:
                  parameters:
                    optimizer: [{name: sgd, lr: 0.1, momentum: 0.9}, {name: adam, lr: 1.0e-3}]
                """), 1);
        assertEquals("optimizer={name: sgd, lr: 0.1, momentum: 0.9}", trials.get(0).assignments().get(0));
        Map<String, Object> applied = Overrides.apply(Map.of(), trials.get(1).assignments());
        assertEquals(Map.of("name", "adam", "lr", 1.0e-3), applied.get("optimizer"));
    }

    @Test
    void randomSearchDrawsTheSameTrialsFromTheSameSeedWithinTheirRanges() {
        SweepSpec spec = spec("""
                sweep:
                  method: random
                  trials: 200
                  parameters:
                    optimizer.lr: {distribution: log-uniform, min: 1.0e-4, max: 0.1}
                    optimizer.momentum: {distribution: uniform, min: 0.8, max: 0.99}
                    batch_size: {distribution: int, min: 16, max: 18}
                    optimizer.name: [sgd, adam]
                """);
        List<Trial> trials = TrialPlan.of(spec, 42);
        assertEquals(trials, TrialPlan.of(spec, 42));
        assertNotEquals(trials, TrialPlan.of(spec, 43));
        Set<Object> batchSizes = new HashSet<>();
        Set<Object> names = new HashSet<>();
        int belowMilli = 0;
        for (Trial trial : trials) {
            Map<String, Object> values = Overrides.apply(Map.of(), trial.assignments());
            double lr = (Double) ((Map<?, ?>) values.get("optimizer")).get("lr");
            double momentum = (Double) ((Map<?, ?>) values.get("optimizer")).get("momentum");
            assertTrue(lr >= 1e-4 && lr <= 0.1, "lr " + lr);
            assertTrue(momentum >= 0.8 && momentum < 0.99, "momentum " + momentum);
            belowMilli += lr < 1e-3 ? 1 : 0;
            batchSizes.add(values.get("batch_size"));
            names.add(((Map<?, ?>) values.get("optimizer")).get("name"));
            assertEquals("seed=42", trial.assignments().get(4));
        }
        assertEquals(Set.of(16, 17, 18), batchSizes, "both ends of an int range are drawn");
        assertEquals(Set.of("sgd", "adam"), names);
        // Log-uniform: 1e-4..1e-3 is one decade of three, so about a third of the draws (binomial sd ~ 6.7).
        assertTrue(belowMilli > 45 && belowMilli < 90, "draws below 1e-3: " + belowMilli);
    }

    @Test
    void valuesSurviveTheTripThroughTheirTextBitForBit() {
        for (Object value : List.of(1.0e10, 1.0e-4, 0.1 + 0.2, 3L, "yes", "1e5", List.of(512, 512), true)) {
            String text = TrialPlan.yaml(value);
            Object back = new Yaml().load(text);
            assertEquals(value instanceof Long number ? number.intValue() : value, back, text);
        }
    }

    @Test
    void repeatsAloneRunTheExperimentWithSuccessiveSeeds() {
        List<Trial> trials = TrialPlan.of(spec("sweep: {repeats: 3}"), 10);
        assertEquals(List.of(List.of("seed=10"), List.of("seed=11"), List.of("seed=12")),
                trials.stream().map(Trial::assignments).toList());
    }

    static SweepSpec spec(String yaml) {
        Map<String, Object> tree = new Yaml().load(yaml);
        return SweepSpec.of(tree).orElseThrow();
    }
}
