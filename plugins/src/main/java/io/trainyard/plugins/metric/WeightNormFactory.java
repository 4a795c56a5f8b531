package io.trainyard.plugins.metric;

import io.trainyard.api.HyperParameter;
import io.trainyard.api.PluginConfig;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.callback.CallbackFactory;
import io.trainyard.api.callback.Evaluation;
import io.trainyard.api.callback.RunContext;
import java.util.List;
import java.util.Set;

/**
 * {@code weight-norm}: the L2 norm of all the model's parameters at each epoch's end, logged as {@code weight_norm}
 * (what {@code torch.linalg.vector_norm} of the concatenated parameters gives), read through
 * {@link RunContext#parameters()}: a growing norm flags weights drifting off, a shrinking one weight decay at work.
 */
public final class WeightNormFactory implements CallbackFactory {

    static final String METRIC = "weight_norm";

    @Override
    public String name() {
        return "weight-norm";
    }

    @Override
    public String description() {
        return "Logs weight_norm each epoch: the L2 norm of all the model's parameters";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of();
    }

    @Override
    public Callback create(PluginConfig config) {
        return new Callback() {
            @Override
            public Set<String> loggedMetrics() {
                return Set.of(METRIC);
            }

            @Override
            public void onEvaluationEnd(RunContext run, int epoch, Evaluation evaluation) {
                run.logMetric(METRIC, Math.sqrt(run.parameters().sumOfSquares()));
            }
        };
    }
}
