package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares analytic gradients with central finite differences in double precision, element by element: each must
 * agree to a relative error below 1e-6, or within 1e-9 absolutely, the round-off floor of a central difference
 * with step 1e-6 on a loss of order one (so a gradient of 1e-5 cannot be checked to 1e-6 relative).
 */
public final class GradientCheck {

    private static final double EPSILON = 1e-6;
    private static final double TOLERANCE = 1e-6;
    private static final double ABSOLUTE_FLOOR = 1e-9;

    private GradientCheck() {
    }

    /**
     * For every element of {@code variable}, checks that {@code analytic} holds d loss / d element.
     *
     * @param loss recomputes the scalar loss from the current values
     */
    public static void assertGradient(String what, INDArray variable, INDArray analytic, DoubleSupplier loss) {
        for (long i = 0; i < variable.length(); i++) {
            double original = variable.getDouble(i);
            variable.putScalar(i, original + EPSILON);
            double plus = loss.getAsDouble();
            variable.putScalar(i, original - EPSILON);
            double minus = loss.getAsDouble();
            variable.putScalar(i, original);
            double numeric = (plus - minus) / (2 * EPSILON);
            double exact = analytic.getDouble(i);
            double difference = Math.abs(numeric - exact);
            double scale = Math.max(Math.abs(numeric), Math.abs(exact));
            assertTrue(difference <= TOLERANCE * scale + ABSOLUTE_FLOOR, what + "[" + i + "]: analytic " + exact
                    + ", numeric " + numeric + ", relative error " + difference / scale);
        }
    }
}
