package io.trainyard.plugins.loss;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.loss.Loss;
import io.trainyard.api.loss.LossFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The factories of the element-wise losses. Each is a plugin of its own, registered by its nested class name; this
 * outer class only holds what they share.
 */
public abstract class ElementwiseLossFactory implements LossFactory {

    private final String name;
    private final String description;
    private final HyperParameter extra;
    private final BiFunction<Reduction, PluginConfig, Loss> build;

    ElementwiseLossFactory(String name, String description, HyperParameter extra,
            BiFunction<Reduction, PluginConfig, Loss> build) {
        this.name = name;
        this.description = description;
        this.extra = extra;
        this.build = build;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<HyperParameter> hyperParameters() {
        List<HyperParameter> parameters = new ArrayList<>(List.of(Reduction.PARAMETER));
        if (extra != null) {
            parameters.add(extra);
        }
        return parameters;
    }

    @Override
    public final void validate(PluginConfig config) {
        Reduction.of(config);
    }

    @Override
    public final Loss create(PluginConfig config) {
        return build.apply(Reduction.of(config), config);
    }

    /** {@code mse}: PyTorch MSELoss. */
    public static final class Mse extends ElementwiseLossFactory {
        public Mse() {
            super("mse", "Mean squared error (PyTorch MSELoss)", null,
                    (reduction, config) -> ElementwiseLosses.mse(reduction));
        }
    }

    /** {@code l1}: PyTorch L1Loss. */
    public static final class L1 extends ElementwiseLossFactory {
        public L1() {
            super("l1", "Mean absolute error (PyTorch L1Loss)", null,
                    (reduction, config) -> ElementwiseLosses.l1(reduction));
        }
    }

    /** {@code smooth-l1}: PyTorch SmoothL1Loss. */
    public static final class SmoothL1 extends ElementwiseLossFactory {
        public SmoothL1() {
            super("smooth-l1", "Quadratic below beta, linear above (PyTorch SmoothL1Loss)",
                    HyperParameter.decimal("beta", 1.0, Range.atLeast(0), "where the loss turns linear"),
                    (reduction, config) -> ElementwiseLosses.smoothL1(reduction, config.getDouble("beta")));
        }
    }

    /** {@code huber}: PyTorch HuberLoss. */
    public static final class Huber extends ElementwiseLossFactory {
        public Huber() {
            super("huber", "Quadratic below delta, linear with slope delta above (PyTorch HuberLoss)",
                    HyperParameter.decimal("delta", 1.0, Range.greaterThan(0), "where the loss turns linear"),
                    (reduction, config) -> ElementwiseLosses.huber(reduction, config.getDouble("delta")));
        }
    }

    /** {@code bce-with-logits}: PyTorch BCEWithLogitsLoss. */
    public static final class BinaryCrossEntropyWithLogits extends ElementwiseLossFactory {
        public BinaryCrossEntropyWithLogits() {
            super("bce-with-logits", "Binary cross-entropy on logits, numerically stable (PyTorch BCEWithLogitsLoss)",
                    HyperParameter.decimalList("pos_weight", List.of(1.0), Range.atLeast(0),
                            "weight of positive targets: one per output, or one for all"),
                    (reduction, config) -> ElementwiseLosses.binaryCrossEntropyWithLogits(reduction,
                            config.getDoubleList("pos_weight")));
        }
    }
}
