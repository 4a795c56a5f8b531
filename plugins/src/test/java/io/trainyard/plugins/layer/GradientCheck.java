package io.trainyard.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares analytic gradients with central finite differences in double precision, element by element.
 */
public final class GradientCheck {

    private static final double EPSILON = 1e-6;
    private static final double TOLERANCE = 1e-6;

    private GradientCheck() {
    }

    /**
     * For every element of {@code variable}, checks that {@code analytic} holds d loss / d element.
     *
     * @param loss recomputes the scalar loss from the current values
     */
    public static void assertGradient(String what, INDArray variable, INDArray analytic, DoubleSupplier loss) {
        double worst = 0;
        for (long i = 0; i < variable.length(); i++) {
            double original = variable.getDouble(i);
            variable.putScalar(i, original + EPSILON);
            double plus = loss.getAsDouble();
            variable.putScalar(i, original - EPSILON);
            double minus = loss.getAsDouble();
            variable.putScalar(i, original);
            double numeric = (plus - minus) / (2 * EPSILON);
            double exact = analytic.getDouble(i);
            double scale = Math.max(Math.abs(numeric), Math.abs(exact));
            double error = scale < 1e-9 ? 0 : Math.abs(numeric - exact) / scale;
            worst = Math.max(worst, error);
            assertTrue(error < TOLERANCE, what + "[" + i + "]: analytic " + exact + ", numeric " + numeric
                    + ", relative error " + error);
        }
        assertTrue(worst < TOLERANCE, what + ": worst relative error " + worst);
    }
}
