package io.trainyard.engine.plugin;

/**
 * A plugin provider or jar that could not be loaded; reported to the user and skipped.
 *
 * @param origin {@code built-in} or the jar file
 * @param reason what went wrong, including the class or services file when known
 */
public record LoadFailure(String origin, String reason) {
}
