package io.trainyard.testkit;

/**
 * An optimizer's update of one parameter element, written as plainly as its paper or PyTorch's documentation writes
 * it: what {@link PluginContract#checkOptimizer(io.trainyard.api.optim.OptimizerFactory, java.util.Map,
 * ElementwiseReference)} holds the optimizer to. Write it for the settings you pass there. Lion, for example:
 * <pre>{@code
 * new ElementwiseReference() {
 *     public int stateSize() { return 1; }                      // the momentum
 *     public double step(double p, double g, double[] state, long t) {
 *         double update = Math.signum(beta1 * state[0] + (1 - beta1) * g);
 *         state[0] = beta2 * state[0] + (1 - beta2) * g;
 *         return p * (1 - lr * weightDecay) - lr * update;
 *     }
 * }
 * }</pre>
 */
public interface ElementwiseReference {

    /** How many numbers of state each element carries (Lion: 1, Adam: 2); 0 for none. */
    int stateSize();

    /**
     * One step of one element.
     *
     * @param value the element before the step
     * @param gradient its gradient
     * @param state its {@link #stateSize()} numbers of state, all zero before the first step; update them in place
     * @param step the step's number, from 1
     * @return the element after the step
     */
    double step(double value, double gradient, double[] state, long step);
}
