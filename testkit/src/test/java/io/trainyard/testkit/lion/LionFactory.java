package io.trainyard.testkit.lion;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.Range;
import io.trainyard.api.model.Parameters;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.OptimizerFactory;
import java.util.List;

/**
 * {@code lion}, written as a plugin author wrote it for the kit's trial (an optimizer of its own, not on
 * {@link io.trainyard.api.optim.ElementwiseOptimizer}), with each of the bugs that author planted on request.
 */
public final class LionFactory implements OptimizerFactory {

    private final Lion.Bug bug;

    public LionFactory(Lion.Bug bug) {
        this.bug = bug;
    }

    @Override
    public String name() {
        return "lion";
    }

    @Override
    public String description() {
        return "Lion: sign of an interpolated momentum (Chen et al. 2023), decoupled weight decay";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of(
                HyperParameter.decimal("lr", 1e-4, Range.greaterThan(0), "learning rate"),
                HyperParameter.decimal("beta1", 0.9, Range.closedOpen(0, 1), "interpolation of the update"),
                HyperParameter.decimal("beta2", 0.99, Range.closedOpen(0, 1), "decay of the momentum"),
                HyperParameter.decimal("weight_decay", 0, Range.atLeast(0), "decoupled weight decay"));
    }

    @Override
    public Optimizer create(PluginConfig config, Parameters parameters) {
        return new Lion(parameters, config.getDouble("lr"), config.getDouble("beta1"), config.getDouble("beta2"),
                config.getDouble("weight_decay"), bug);
    }
}
