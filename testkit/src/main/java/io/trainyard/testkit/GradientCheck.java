package io.trainyard.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.loss.Loss;
import io.trainyard.api.model.Model;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * Back-propagates {@code loss} of the model's output on {@code input} once and checks every parameter gradient
     * against finite differences of the same loss. Use a double-precision model and input.
     */
    public static void assertModelGradients(String what, Model model, INDArray input, Loss loss, INDArray targets) {
        model.parameters().zeroGradients();
        INDArray output = model.forward(input, true);
        INDArray lossGradient = output.ulike();
        loss.compute(output, targets, lossGradient);
        model.backward(lossGradient);
        INDArray scratch = lossGradient.ulike();
        assertGradient(what + " parameters", model.parameters().values(), model.parameters().gradients().dup(),
                () -> loss.compute(model.forward(input, true), targets, scratch));
    }

    /** A double-precision array of the given shape filled with standard normal values from {@code random}. */
    public static INDArray gaussian(Random random, long... shape) {
        INDArray array = Nd4j.zeros(DataType.DOUBLE, shape);
        for (long i = 0; i < array.length(); i++) {
            array.putScalar(i, random.nextGaussian());
        }
        return array;
    }
}
