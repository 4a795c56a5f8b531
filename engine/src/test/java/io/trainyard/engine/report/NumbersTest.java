package io.trainyard.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One spelling of numbers for people, whatever the command or format. */
class NumbersTest {

    @Test
    void metricsHaveFourSignificantDigitsAndScientificNotationWhenTinyOrHuge() {
        assertEquals("0.3512", Numbers.metric(0.351234));
        assertEquals("0.35", Numbers.metric(0.35));
        assertEquals("2.5e-04", Numbers.metric(0.00025));
        assertEquals("0.001", Numbers.metric(0.001));
        assertEquals("12350", Numbers.metric(12345.6));
        assertEquals("1.235e+06", Numbers.metric(1234567));
        assertEquals("0", Numbers.metric(0));
        assertEquals("-", Numbers.metric(Double.NaN));
    }

    @Test
    void paramsReadAsTheExperimentFileWroteThem() {
        assertEquals("1e-05", Numbers.param(1e-5));
        assertEquals("2.5e-04", Numbers.param(2.5e-4));
        assertEquals("0.9", Numbers.param(0.9));
        assertEquals("0", Numbers.param(0.0));
        assertEquals("0.001", Numbers.param(1e-3));
        assertEquals("0.123456789", Numbers.param(0.123456789), "every digit given, not four");
        assertEquals("64", Numbers.param(64L));
        assertEquals("[512, 512]", Numbers.param(List.of(512L, 512L)));
        assertEquals("relu", Numbers.param("relu"));
        assertEquals("-", Numbers.param(null));
    }

    @Test
    void accuracyIsAPercentageAndItsSpreadsArePoints() {
        assertEquals("82.31%", Numbers.percent(0.823149));
        assertEquals("1.50 pp", Numbers.points(0.015));
        assertEquals("82.31%", Numbers.cell("final_test_accuracy", 0.823149));
        assertEquals("0.15 pp", Numbers.cell("sd_final_test_accuracy", 0.0015));
        assertEquals("2.21 pp", Numbers.cell("difference_test_accuracy", 0.0221));
        assertEquals("0.4146", Numbers.cell("final_test_loss", 0.41463));
    }

    @Test
    void percentagesRoundAsStringFormatDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            // Fractions with a third decimal in percent (a tenth of them halfway between two), and any at all.
            double fraction = i % 2 == 0 ? random.nextInt(100_001) / 100_000.0 : random.nextDouble();
            assertEquals(String.format(Locale.ROOT, "%.2f%%", 100 * fraction), Numbers.percent(fraction));
            double difference = fraction - random.nextDouble();
            if (Math.abs(100 * difference) >= 0.005) {
                assertEquals(String.format(Locale.ROOT, "%.2f pp", 100 * difference), Numbers.points(difference));
            }
        }
        assertEquals("0.13%", Numbers.percent(0.00125), "half up");
        assertEquals("82.32%", Numbers.percent(0.82315), "from the digits Double.toString gives, 82.315");
        assertEquals("100.00%", Numbers.percent(0.99995));
        assertEquals("-2.22 pp", Numbers.points(-0.02215));
        assertEquals("0.00 pp", Numbers.points(-0.00001), "no minus sign on a difference that rounds to zero");
    }

    @Test
    void cellsAreSpelledByTheirColumn() {
        assertEquals("1e-05", Numbers.cell("params.optimizer.lr", 1e-5));
        assertEquals("true", Numbers.cell("params.optimizer.nesterov", true), "a param as written");
        assertEquals("yes", Numbers.cell("significant", true));
        assertEquals("2026-11-25 10:11:12Z", Numbers.cell("start", Instant.parse("2026-11-25T10:11:12.5Z")));
        assertEquals("-", Numbers.cell("p_value", null));
        assertEquals("3", Numbers.cell("epochs", 3));
    }

    @Test
    void pValuesHaveTwoDigitsAndAFloor() {
        assertEquals("0.005", Numbers.p(0.004975));
        assertEquals("0.51", Numbers.p(0.5137));
        assertEquals("< 0.0001", Numbers.p(3e-7));
    }
}
