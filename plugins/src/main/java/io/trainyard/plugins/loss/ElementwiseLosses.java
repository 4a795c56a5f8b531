package io.trainyard.plugins.loss;

/** The element-wise losses, each with PyTorch's formula for one element ({@code d = x - t}). */
final class ElementwiseLosses {

    private ElementwiseLosses() {
    }

    /** {@code MSELoss}: {@code d^2}. */
    static ElementwiseLoss mse(Reduction reduction) {
        return new ElementwiseLoss("mse", reduction) {
            @Override
            double value(double x, double t) {
                return (x - t) * (x - t);
            }

            @Override
            double derivative(double x, double t) {
                return 2 * (x - t);
            }
        };
    }

    /** {@code L1Loss}: {@code |d|}, with gradient {@code sign(d)} (0 at 0, as PyTorch). */
    static ElementwiseLoss l1(Reduction reduction) {
        return new ElementwiseLoss("l1", reduction) {
            @Override
            double value(double x, double t) {
                return Math.abs(x - t);
            }

            @Override
            double derivative(double x, double t) {
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
            double value(double x, double t) {
                double d = Math.abs(x - t);
                return d < beta ? 0.5 * d * d / beta : d - 0.5 * beta;
            }

            @Override
            double derivative(double x, double t) {
                double d = x - t;
                return Math.abs(d) < beta ? d / beta : Math.signum(d);
            }
        };
    }

    /** {@code HuberLoss(delta)}: {@code 0.5 d^2} if {@code |d| < delta}, else {@code delta (|d| - 0.5 delta)}. */
    static ElementwiseLoss huber(Reduction reduction, double delta) {
        return new ElementwiseLoss("huber", reduction) {
            @Override
            double value(double x, double t) {
                double d = Math.abs(x - t);
                return d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
            }

            @Override
            double derivative(double x, double t) {
                double d = x - t;
                return Math.abs(d) < delta ? d : delta * Math.signum(d);
            }
        };
    }

    /**
     * {@code BCEWithLogitsLoss(pos_weight)} on logits {@code x} and targets {@code t} in [0, 1], in the stable form
     * {@code (1 - t) x + c softplus(-x)} with {@code c = 1 + (pos_weight - 1) t} and
     * {@code softplus(-x) = log(1 + exp(-|x|)) + max(-x, 0)}. Its derivative is {@code (1 - t) - c sigmoid(-x)}.
     */
    static ElementwiseLoss binaryCrossEntropyWithLogits(Reduction reduction, double positiveWeight) {
        return new ElementwiseLoss("bce-with-logits", reduction) {
            @Override
            double value(double x, double t) {
                double c = 1 + (positiveWeight - 1) * t;
                return (1 - t) * x + c * (Math.log1p(Math.exp(-Math.abs(x))) + Math.max(-x, 0));
            }

            @Override
            double derivative(double x, double t) {
                double c = 1 + (positiveWeight - 1) * t;
                return (1 - t) - c * sigmoid(-x);
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
