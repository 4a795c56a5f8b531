package io.trainyard.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.plugin.PluginDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentResolverTest {

    private static final String VALID = """
            name: fashion
            seed: 42
            dataset: {name: blobs}
            model: {name: mlp, hidden: [512, 512], activation: relu}
            loss: {name: cross-entropy}
            optimizer: {name: sgd, lr: 1.0e-3, momentum: 0.9}
            batch_size: 64
            epochs: 5
            """;

    @TempDir
    Path directory;

    private final ExperimentResolver resolver =
            new ExperimentResolver(new PluginDiscovery(getClass().getClassLoader()).discover());

    @Test
    void resolvesEveryHyperparameterWithDefaultsAndTypes() throws Exception {
        Experiment experiment = resolve(VALID);
        Map<String, Object> params = experiment.params();
        assertEquals(42L, params.get("seed"));
        assertEquals(64L, params.get("batch_size"));
        assertEquals(0.001, params.get("optimizer.lr"));
        assertEquals(0.9, params.get("optimizer.momentum"));
        assertEquals(0.0, params.get("optimizer.weight_decay"));
        assertEquals(false, params.get("optimizer.nesterov"));
        assertEquals(List.of(512L, 512L), params.get("model.hidden"));
        assertEquals("mean", params.get("loss.reduction"));
        assertEquals(100L, params.get("callbacks.console-progress.every"));
        assertEquals("sgd", params.get("optimizer.name"));
    }

    @Test
    void overridesReplaceValuesAndParseThemAsYaml() throws Exception {
        Experiment experiment = resolve(VALID, "optimizer.lr=0.01", "model.hidden=[32, 16]", "epochs=2",
                "optimizer.nesterov=true");
        assertEquals(0.01, experiment.optimizer().config().getDouble("lr"));
        assertEquals(List.of(32L, 16L), experiment.model().config().getLongList("hidden"));
        assertEquals(2, experiment.epochs());
        assertTrue(experiment.optimizer().config().getBoolean("nesterov"));
    }

    @Test
    void aNumberWhereNumbersAreExpectedIsAListOfOne() throws Exception {
        String bce = VALID.replace("loss: {name: cross-entropy}", "loss: {name: bce-with-logits, pos_weight: 2}");
        assertEquals(List.of(2.0), resolve(bce).loss().config().getDoubleList("pos_weight"));
        assertEquals(List.of(0.5, 3.0), resolve(bce, "loss.pos_weight=[0.5, 3]").loss().config()
                .getDoubleList("pos_weight"));
    }

    @Test
    void exponentWithoutADotIsStillANumber() throws Exception {
        assertEquals(1e-3, resolve(VALID, "optimizer.lr=1e-3").optimizer().config().getDouble("lr"));
    }

    @Test
    void missingSeedIsDrawnAndRecorded() throws Exception {
        Experiment experiment = resolve(VALID.replace("seed: 42\n", ""));
        assertEquals(experiment.seed(), experiment.params().get("seed"));
    }

    @Test
    void callbackCanBeDisabled() throws Exception {
        Experiment experiment = resolve(VALID + "callbacks: [{name: console-progress, enabled: false}]\n");
        assertEquals(List.of("divergence-guard"), experiment.callbacks().stream().map(PluginChoice::name).toList());
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertError("experiment.yaml line 4, column 6: malformed YAML: expected ',' or '}'", VALID.replace("dataset: {name: blobs}", "dataset: {name: blobs"));
    }

    @Test
    void emptyFileIsAnError() {
        assertError("an experiment file must be a YAML mapping", "");
    }

    @Test
    void unknownPluginListsTheAvailableOnes() {
        assertError("unknown optimizer 'lbfgs'; available: adagrad, adam, adamw, rmsprop, sgd (see 'trainyard plugins')",
                VALID.replace("name: sgd", "name: lbfgs"));
    }

    @Test
    void unknownKeyListsTheKnownOnes() {
        assertError("unknown key optimizer.lrate for optimizer 'sgd'; its keys are: lr, momentum, dampening,"
                + " weight_decay, nesterov", VALID.replace("lr: 1.0e-3", "lrate: 1.0e-3"));
        assertError("unknown key optimizer.momentun for optimizer 'sgd' (did you mean 'momentum'?)",
                VALID.replace("momentum: 0.9", "momentun: 0.9"));
    }

    @Test
    void unknownTopLevelKeyIsAnError() {
        assertError("unknown key 'epoch' in the experiment (did you mean 'epochs'?)",
                VALID.replace("epochs: 5", "epoch: 5"));
    }

    @Test
    void misspeltPluginNameGetsASuggestion() {
        assertError("unknown loss 'cross-entropi' (did you mean 'cross-entropy'?); available: bce-with-logits, cross-entropy,",
                VALID.replace("name: cross-entropy", "name: cross-entropi"));
    }

    @Test
    void mistypedValueSaysWhatWasExpected() {
        assertError("optimizer.lr must be a number, got 'fast'", VALID.replace("lr: 1.0e-3", "lr: fast"));
        assertError("batch_size must be an integer, got 6.5", VALID.replace("batch_size: 64", "batch_size: 6.5"));
        assertError("optimizer.nesterov must be true or false, got 'yes please'",
                VALID.replace("momentum: 0.9", "momentum: 0.9, nesterov: yes please"));
    }

    @Test
    void nonPositiveLearningRateIsRejected() {
        assertError("optimizer.lr must be in (0, inf), got -0.1", VALID.replace("lr: 1.0e-3", "lr: -0.1"));
        assertError("optimizer.lr must be in (0, inf), got 0.0", VALID.replace("lr: 1.0e-3", "lr: 0"));
    }

    @Test
    void zeroBatchSizeAndEpochsAreRejected() {
        assertError("batch_size must be in [1, 1048576], got 0", VALID.replace("batch_size: 64", "batch_size: 0"));
        assertError("epochs must be in [1, 1000000], got 0", VALID.replace("epochs: 5", "epochs: 0"));
    }

    @Test
    void missingSectionSaysWhatToAdd() {
        assertError("the experiment has no 'loss' section; add 'loss: {name: ...}' naming one of: bce-with-logits,"
                + " cross-entropy, huber, l1, mse, nll, smooth-l1",
                VALID.replace("loss: {name: cross-entropy}\n", ""));
    }

    @Test
    void pluginValidationRunsAtLoad() {
        assertError("optimizer.nesterov needs optimizer.momentum > 0",
                VALID.replace("momentum: 0.9", "nesterov: true"));
    }

    @Test
    void optimizerSettingsOutOfRangeNameTheKey() {
        String adam = VALID.replace("{name: sgd, lr: 1.0e-3, momentum: 0.9}", "{name: adam}");
        assertError("optimizer.betas must be in [0, 1), got 1.0", adam.replace("{name: adam}", "{name: adam, betas: [0.9, 1.0]}"));
        assertError("optimizer.eps must be in [0, inf), got -1.0E-8", adam.replace("{name: adam}", "{name: adam, eps: -1.0e-8}"));
        assertError("optimizer.lr must be in (0, inf), got -0.01", adam.replace("{name: adam}", "{name: adam, lr: -0.01}"));
        assertError("optimizer.betas needs two values", adam.replace("{name: adam}", "{name: adam, betas: [0.9]}"));
    }

    @Test
    void badOverrideIsAnError() {
        TrainyardException error = assertThrows(TrainyardException.class, () -> resolve(VALID, "optimizer.lr"));
        assertEquals("--set 'optimizer.lr' is not of the form key=value, e.g. --set optimizer.lr=0.01",
                error.getMessage());
    }

    @Test
    void missingFileIsAnError() {
        TrainyardException error = assertThrows(TrainyardException.class,
                () -> ExperimentFile.read(directory.resolve("nope.yaml")));
        assertTrue(error.getMessage().contains("nope.yaml does not exist"), error.getMessage());
    }

    private void assertError(String expectedPart, String yaml) {
        TrainyardException error = assertThrows(TrainyardException.class, () -> resolve(yaml));
        assertTrue(error.getMessage().contains(expectedPart), "message was: " + error.getMessage());
    }

    private Experiment resolve(String yaml, String... overrides) throws Exception {
        Path file = Files.writeString(directory.resolve("experiment.yaml"), yaml);
        return resolver.resolve(ExperimentFile.read(file), List.of(overrides));
    }
}
