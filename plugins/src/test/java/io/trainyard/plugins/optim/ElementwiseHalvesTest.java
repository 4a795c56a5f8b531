package io.trainyard.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.parallel.Halves;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The per-element optimizers over a vector long enough to step as two halves at once: every element must end where
 * the two-element run does, the halves' boundary (inside a pair, as the pairs are odd in number) included.
 */
class ElementwiseHalvesTest {

    @Test
    void bothHalvesOfALongVectorStepEveryElementAsTheTwoElementRunDoes() {
        Map<String, Function<Parameters, Optimizer>> optimizers = Map.of(
                "adamw amsgrad", p -> new Adam(p, 0.1, 0.9, 0.5, 1e-3, 0.1, true, true),
                "rmsprop centered momentum", p -> new RmsProp(p, 0.05, 0.9, 1e-3, 0.1, 0.5, true),
                "adagrad maximize", p -> new Adagrad(p, 0.05, 0.1, 0.5, 1e-4, 0.02).maximizing(true));
        int copies = (int) Halves.ELEMENTWISE_FROM + 1;
        optimizers.forEach((name, optimizer) -> {
            double[] expected = GradientSequence.run(optimizer);
            double[] halves = GradientSequence.runRepeated(copies, parameters -> {
                Optimizer instance = optimizer.apply(parameters);
                instance.useThreads(2);
                return instance;
            });
            for (int i = 0; i < halves.length; i++) {
                assertEquals(expected[i % 2], halves[i], 0.0, name + ", element " + i);
            }
        });
    }
}
