package io.trainyard.engine.report;

/** How a listing is written: aligned for the terminal, or for other programs and documents. */
public enum OutputFormat {
    TABLE, CSV, JSON, MARKDOWN
}
