package io.trainyard.testkit.lion;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.testkit.ElementwiseReference;
import io.trainyard.testkit.PluginContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/**
 * The kit tests correctness, not only hygiene: the optimizer check, given Lion's formula, passes the right Lion and
 * catches each of the bugs a plugin author planted in it (the hygiene checks alone caught none of them).
 */
class LionFixtureTest {

    private static final double LR = 0.01;
    private static final double BETA1 = 0.8;
    private static final double BETA2 = 0.95;
    private static final double WEIGHT_DECAY = 0.1;
    private static final Map<String, Object> SETTINGS = Map.of("lr", LR, "beta1", BETA1, "beta2", BETA2,
            "weight_decay", WEIGHT_DECAY);

    /** Lion as the paper writes it, one element at a time. */
    private static final ElementwiseReference LION = new ElementwiseReference() {
        @Override
        public int stateSize() {
            return 1;
        }

        @Override
        public double step(double value, double gradient, double[] state, long step) {
            double update = Math.signum(BETA1 * state[0] + (1 - BETA1) * gradient);
            state[0] = BETA2 * state[0] + (1 - BETA2) * gradient;
            return value * (1 - LR * WEIGHT_DECAY) - LR * update;
        }
    };

    @Test
    void theRightLionPasses() {
        PluginContract.checkOptimizer(new LionFactory(Lion.Bug.NONE), SETTINGS, LION);
    }

    @ParameterizedTest
    @EnumSource(value = Lion.Bug.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void eachPlantedBugIsCaught(Lion.Bug bug) {
        AssertionFailedError caught = assertThrows(AssertionFailedError.class,
                () -> PluginContract.checkOptimizer(new LionFactory(bug), SETTINGS, LION));
        String expected = switch (bug) {
            case SIGN_DROPPED, BETA1_DECAYS_MOMENTUM, WEIGHT_DECAY_SIGN -> "the reference formula gives";
            case MOMENTUM_NOT_SAVED -> "must step exactly as the one that saved it";
            case NONE -> throw new IllegalStateException();
        };
        assertTrue(caught.getMessage().startsWith("lion in FLOAT: ") && caught.getMessage().contains(expected),
                bug + ": " + caught.getMessage());
    }

    @Test
    void aSettingLeftAtItsDefaultIsRefusedSinceItCouldHideATerm() {
        Map<String, Object> noDecay = Map.of("lr", LR, "beta1", BETA1, "beta2", BETA2);
        AssertionFailedError caught = assertThrows(AssertionFailedError.class,
                () -> PluginContract.checkOptimizer(new LionFactory(Lion.Bug.WEIGHT_DECAY_SIGN), noDecay, LION));
        assertTrue(caught.getMessage().startsWith("lion: give weight_decay a value other than its default 0.0"),
                caught.getMessage());
    }
}
