package io.trainyard.plugins.optim;

/** {@code adamw}: PyTorch's AdamW, Adam with weight decay applied to the parameters, not the gradient. */
public final class AdamWFactory extends AdamFactory {

    public AdamWFactory() {
        super("adamw", "Adam with decoupled weight decay (PyTorch torch.optim.AdamW)", 0.01, true);
    }
}
