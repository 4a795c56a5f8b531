package io.trainyard.engine.plugin;

/**
 * A plugin provider that could not be loaded; reported to the user and skipped.
 *
 * @param kind the service interface it was listed under
 * @param reason what went wrong, including the class or services file when known
 */
public record LoadFailure(PluginKind kind, String reason) {
}
