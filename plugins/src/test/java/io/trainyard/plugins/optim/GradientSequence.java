package io.trainyard.plugins.optim;

import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Three steps from p = (1, -2) with a gradient that changes every step, so that moment estimates, bias
 * corrections and maxima are all exercised. Expected values in the tests were worked out from PyTorch's documented
 * update rules in double precision.
 */
final class GradientSequence {

    static final double[][] GRADIENTS = {{0.5, -1}, {0.2, 0.4}, {-0.3, 0.1}};

    private GradientSequence() {
    }

    static double[] run(Function<Parameters, Optimizer> optimizer) {
        return runRepeated(1, optimizer);
    }

    /** The same sequence on the pair (1, -2) repeated {@code copies} times, every copy with the same gradients. */
    static double[] runRepeated(int copies, Function<Parameters, Optimizer> optimizer) {
        Parameters parameters = new Parameters(DataType.DOUBLE, 2L * copies);
        parameters.values().assign(Nd4j.createFromArray(new double[][] {repeat(new double[] {1, -2}, copies)}));
        Optimizer instance = optimizer.apply(parameters);
        for (double[] gradient : GRADIENTS) {
            instance.zeroGradients();
            parameters.gradients().addi(Nd4j.createFromArray(new double[][] {repeat(gradient, copies)}));
            instance.step();
        }
        return parameters.values().data().asDouble();
    }

    private static double[] repeat(double[] pair, int copies) {
        double[] all = new double[pair.length * copies];
        for (int i = 0; i < all.length; i++) {
            all[i] = pair[i % pair.length];
        }
        return all;
    }
}
