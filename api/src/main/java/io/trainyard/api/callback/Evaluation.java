package io.trainyard.api.callback;

/**
 * The result of one pass over the test split.
 *
 * @param loss mean loss over all test samples
 * @param accuracy fraction of samples whose highest output is the target class; {@code NaN} for regression
 * @param samples number of samples evaluated
 */
public record Evaluation(double loss, double accuracy, int samples) {
}
