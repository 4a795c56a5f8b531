package io.trainyard.api;

import java.util.List;

/**
 * What every plugin factory has in common: an identity the experiment file refers to and the hyperparameters it
 * accepts. Implementations must have a public no-argument constructor (they are found with
 * {@link java.util.ServiceLoader}) and must be cheap to construct: build expensive things in {@code create}.
 */
public interface Plugin {

    /** The unique name an experiment file uses, e.g. {@code sgd}. Lower case, words separated by dashes. */
    String name();

    /** One sentence for {@code trainyard plugins}. */
    String description();

    /** Every hyperparameter this plugin accepts; the engine rejects any other key and fills in defaults. */
    default List<HyperParameter> hyperParameters() {
        return List.of();
    }

    /**
     * Checks combinations of settings that single ranges cannot express (e.g. Nesterov momentum needs a positive
     * momentum). Called when the experiment is loaded, before anything is built; throw a
     * {@link TrainyardException} naming the key and the fix.
     */
    default void validate(PluginConfig config) {
    }

    /** The plugin's version, recorded with every run; by default the jar manifest's implementation version. */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "unversioned" : version;
    }
}
