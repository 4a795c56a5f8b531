package io.trainyard.plugins.loss;

import io.trainyard.api.TrainyardException;
import java.util.List;

/** The element-wise losses, each with PyTorch's formula for one element ({@code d = x - t}). */
final class ElementwiseLosses {

    private ElementwiseLosses() {
    }

    /** {@code MSELoss}: {@code d^2}. */
    static ElementwiseLoss mse(Reduction reduction) {
        return new ElementwiseLoss("mse", reduction) {
            @Override
            double value(double x, double t, int column) {
                return (x - t) * (x - t);
            }

            @Override
            double derivative(double x, double t, int column) {
                return 2 * (x - t);
            }
        };
    }

    /** {@code L1Loss}: {@code |d|}, with gradient {@code sign(d)} (0 at 0, as PyTorch). */
    static ElementwiseLoss l1(Reduction reduction) {
        return new ElementwiseLoss("l1", reduction) {
            @Override
            double value(double x, double t, int column) {
                return Math.abs(x - t);
            }

            @Override
            double derivative(double x, double t, int column) {
                return Math.signum(x - t);
            }
        };
    }

    /** {@code SmoothL1Loss(beta)}: {@code 0.5 d^2 / beta} if {@code |d| < beta}, else {@code |d| - 0.5 beta}. */
    static ElementwiseLoss smoothL1(Reduction reduction, double beta) {
        if (beta == 0) {
            return l1(reduction);
        }
        return new ElementwiseLoss("smooth-l1", reduction) {
            @Override
            double value(double x, double t, int column) {
                double d = Math.abs(x - t);
                return d < beta ? 0.5 * d * d / beta : d - 0.5 * beta;
            }

            @Override
            double derivative(double x, double t, int column) {
                double d = x - t;
                return Math.abs(d) < beta ? d / beta : Math.signum(d);
            }
        };
    }

    /** {@code HuberLoss(delta)}: {@code 0.5 d^2} if {@code |d| < delta}, else {@code delta (|d| - 0.5 delta)}. */
    static ElementwiseLoss huber(Reduction reduction, double delta) {
        return new ElementwiseLoss("huber", reduction) {
            @Override
            double value(double x, double t, int column) {
                double d = Math.abs(x - t);
                return d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
            }

            @Override
            double derivative(double x, double t, int column) {
                double d = x - t;
                return Math.abs(d) < delta ? d : delta * Math.signum(d);
            }
        };
    }

    /**
     * {@code BCEWithLogitsLoss(pos_weight)} on logits {@code x} and targets {@code t} in [0, 1], in the stable form
     * {@code (1 - t) x + c softplus(-x)} with {@code c = 1 + (pos_weight[j] - 1) t} for output column {@code j} and
     * {@code softplus(-x) = log(1 + exp(-|x|)) + max(-x, 0)}. Its derivative is {@code (1 - t) - c sigmoid(-x)}.
     * {@code pos_weight} holds one weight per output column, or one for all of them.
     */
    static ElementwiseLoss binaryCrossEntropyWithLogits(Reduction reduction, List<Double> positiveWeights) {
        double[] weights = positiveWeights.stream().mapToDouble(Double::doubleValue).toArray();
        return new ElementwiseLoss("bce-with-logits", reduction) {
            @Override
            void checkColumns(int columns) {
                if (weights.length != 1 && weights.length != columns) {
                    throw new TrainyardException("loss.pos_weight has " + weights.length + " values but the model"
                            + " has " + columns + " outputs; give one per output, or one for all");
                }
            }

            private double c(double t, int column) {
                return 1 + (weights[weights.length == 1 ? 0 : column] - 1) * t;
            }

            @Override
            double value(double x, double t, int column) {
                return (1 - t) * x + c(t, column) * (Math.log1p(Math.exp(-Math.abs(x))) + Math.max(-x, 0));
            }

            @Override
            double derivative(double x, double t, int column) {
                return (1 - t) - c(t, column) * sigmoid(-x);
            }
        };
    }

    /** {@code 1 / (1 + exp(-z))}, computed without overflow for large {@code |z|}. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
