package io.trainyard.engine.run;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.EpochResult;
import io.trainyard.api.callback.MetricNames;
import io.trainyard.engine.plugin.PluginDescriptor;
import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.provenance.GitState;
import io.trainyard.engine.provenance.Provenance;
import io.trainyard.engine.tracking.Lineage;
import io.trainyard.engine.tracking.RunDetails;
import io.trainyard.engine.tracking.RunQueries;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code trainyard rerun}: runs a recorded run again from its record alone (the experiment's text as read, the
 * command line's overrides, hence the same resolved settings and seed) as a new run linked to it, then compares the
 * two epoch by epoch, bit for bit. What can no longer be had (other data, a plugin missing or at another version, a
 * commit the checkout lacks) is refused before anything is recorded.
 */
public final class Reproduction {

    /** Epoch metrics that measure time, not results: never compared. */
    private static final String TIMING = "epoch_seconds";

    private final ExperimentRunner runner;
    private final RunQueries queries;
    private final PluginRegistry registry;

    @Inject
    public Reproduction(ExperimentRunner runner, RunQueries queries, PluginRegistry registry) {
        this.runner = runner;
        this.queries = queries;
        this.registry = registry;
    }

    /**
     * @param differences per epoch of the original, the metrics that differ ({@code name: original vs rerun}),
     *     empty when bit-identical; a missing epoch on either side is a difference
     * @param provenance the recorded facts that differ ({@code key: original vs rerun})
     */
    public record Outcome(RunDetails original, RunResult rerun, Map<Integer, List<String>> differences,
            List<String> provenance) {

        public boolean identical() {
            return differences.values().stream().allMatch(List::isEmpty);
        }
    }

    public Outcome rerun(String idOrPrefix) {
        RunDetails original = queries.find(idOrPrefix);
        String id = original.summary().id();
        RunResult rerun;
        try {
            RecordedExperiment recorded = RecordedExperiment.of(original, queries);
            checkPluginsAvailable(original);
            checkCommitAvailable(original);
            rerun = runner.run(recorded.file(), recorded.overrides(), Lineage.rerunOf(id),
                    original.summary().datasetSha256(), List.of());
        } catch (TrainyardException e) {
            throw new TrainyardException("cannot rerun " + id + ": " + e.getMessage(), e);
        }
        RunDetails again = queries.find(rerun.runId());
        return new Outcome(original, rerun, differences(original, again, queries), provenanceDiff(original, again));
    }

    /** Every plugin the run named must be installed at the version it recorded. */
    private void checkPluginsAvailable(RunDetails original) {
        for (Provenance.PluginFact used : Provenance.of(original.provenance()).plugins()) {
            if (!usedBy(original, used)) {
                continue;
            }
            PluginDescriptor installed = registry.all().stream()
                    .filter(plugin -> plugin.kind().label().equals(used.kind()) && plugin.name().equals(used.name()))
                    .findFirst().orElseThrow(() -> new TrainyardException("it used the " + used.kind() + " '"
                            + used.name() + "' (version " + used.version() + ", " + used.className() + " from "
                            + used.origin() + "), which is not installed; add its jar with --plugins DIR"));
            if (!installed.plugin().version().equals(used.version())) {
                throw new TrainyardException("it used " + used.kind() + " '" + used.name() + "' version "
                        + used.version() + ", but version " + installed.plugin().version() + " is installed ("
                        + installed.origin() + ")");
            }
        }
    }

    /** Whether the run's params name this plugin: the dataset, model, loss, optimizer or one of its callbacks. */
    private static boolean usedBy(RunDetails run, Provenance.PluginFact plugin) {
        if (plugin.kind().equals("callback")) {
            return run.params().containsKey("callbacks." + plugin.name());
        }
        return plugin.name().equals(run.params().get(plugin.kind() + ".name"));
    }

    /** The commit the run was trained from must still exist in the checkout (HEAD may have moved on). */
    private static void checkCommitAvailable(RunDetails original) {
        Provenance.of(original.provenance()).git().ifPresent(git -> {
            if (git.root() != null && !GitState.hasCommit(Path.of(git.root()), git.commit())) {
                throw new TrainyardException("it was trained from commit " + git.commit() + ", which the checkout "
                        + git.root() + " does not have; fetch it or restore the checkout");
            }
        });
    }

    private static Map<Integer, List<String>> differences(RunDetails original, RunDetails again,
            RunQueries queries) {
        Map<String, Map<Integer, Map<String, Double>>> logged = queries.loggedMetrics(List.of(
                original.summary().id(), again.summary().id()));
        Map<Integer, Map<String, Double>> before = metricsByEpoch(original, logged);
        Map<Integer, Map<String, Double>> after = metricsByEpoch(again, logged);
        Map<Integer, List<String>> differences = new java.util.TreeMap<>();
        TreeSet<Integer> epochs = new TreeSet<>(before.keySet());
        epochs.addAll(after.keySet());
        for (int epoch : epochs) {
            List<String> different = new ArrayList<>();
            Map<String, Double> a = before.get(epoch);
            Map<String, Double> b = after.get(epoch);
            if (a == null || b == null) {
                different.add(a == null ? "only in the rerun" : "missing from the rerun");
            } else {
                TreeSet<String> names = new TreeSet<>(a.keySet());
                names.addAll(b.keySet());
                for (String name : names) {
                    Double x = a.get(name);
                    Double y = b.get(name);
                    boolean same = x != null && y != null && Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
                    if (!same) {
                        different.add(name + ": " + x + " vs " + y);
                    }
                }
            }
            differences.put(epoch, different);
        }
        return differences;
    }

    private static Map<Integer, Map<String, Double>> metricsByEpoch(RunDetails run,
            Map<String, Map<Integer, Map<String, Double>>> logged) {
        Map<Integer, Map<String, Double>> byEpoch = new java.util.TreeMap<>();
        for (EpochResult epoch : run.epochs()) {
            Map<String, Double> metrics = new java.util.LinkedHashMap<>();
            MetricNames.BUILT_IN.forEach(name -> metrics.put(name, epoch.metric(name)));
            metrics.putAll(logged.getOrDefault(run.summary().id(), Map.of()).getOrDefault(epoch.epoch(), Map.of()));
            metrics.remove(TIMING);
            byEpoch.put(epoch.epoch(), metrics);
        }
        return byEpoch;
    }

    /** The facts that changed, compared as read (a fact stored in an older encoding is not a change). */
    private static List<String> provenanceDiff(RunDetails original, RunDetails again) {
        Map<String, String> was = Provenance.of(original.provenance()).readable();
        Map<String, String> is = Provenance.of(again.provenance()).readable();
        TreeSet<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(is.keySet());
        List<String> diff = new ArrayList<>();
        for (String key : keys) {
            String before = was.get(key);
            String after = is.get(key);
            if (!Objects.equals(before, after)) {
                diff.add(key + ": " + (before == null ? "(not recorded)" : before) + " -> "
                        + (after == null ? "(not recorded)" : after));
            }
        }
        return diff;
    }
}
