package io.trainyard.engine.tracking;

import java.time.Instant;
import java.util.Map;

/**
 * What is known when a run starts.
 *
 * @param params every resolved hyperparameter under its dotted key, typed
 * @param heartbeat how often the training process will confirm it is alive
 * @param provenance where the run came from (code, machine, libraries, plugins, data), dotted key to text
 * @param lineage the run it reruns or the sweep it is a trial of
 */
public record NewRun(String id, String experiment, String name, Instant start, long seed, String datasetSha256,
        String experimentFile, String experimentText, Map<String, Object> params, Heartbeat heartbeat,
        Map<String, String> provenance, Lineage lineage) {
}
