package io.trainyard.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
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
