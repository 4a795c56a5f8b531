package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.Artifact;
import io.trainyard.engine.tracking.KeptFile;
import io.trainyard.engine.tracking.RunQueries;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "artifacts", mixinStandardHelpOptions = true,
        description = "Write a run's artifacts (files its code logged) into a directory, each checked against its"
                + " recorded SHA-256; on a team store, also on machines that do not have the run's folder.")
final class ArtifactsCommand implements Callable<Integer> {

    @ParentCommand
    private TrainyardCommand root;

    private final Provider<RunQueries> runQueries;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one")
    private String runId;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "Artifacts to write (default: all of the run's)")
    private List<String> names = List.of();

    @Option(names = "--to", paramLabel = "DIR", required = true,
            description = "Where to write them, each under its name (subdirectories made as needed)")
    private Path target;

    @Inject
    ArtifactsCommand(Provider<RunQueries> runQueries) {
        this.runQueries = runQueries;
    }

    @Override
    public Integer call() {
        RunQueries queries = runQueries.get();
        String id = queries.find(runId).summary().id();
        Map<String, Artifact> logged = queries.artifacts(id).stream()
                .collect(Collectors.toMap(Artifact::name, Function.identity()));
        List<Artifact> chosen = new ArrayList<>();
        for (String name : names.isEmpty() ? logged.keySet().stream().sorted().toList() : names) {
            Artifact artifact = logged.get(name);
            if (artifact == null) {
                throw new TrainyardException("run " + id + " has no artifact '" + name + "'; 'trainyard show " + id
                        + "' lists its " + logged.size() + " artifact(s)");
            }
            chosen.add(artifact);
        }
        for (Artifact artifact : chosen) {
            byte[] data = KeptFile.read("artifact " + artifact.name() + " of run " + id, artifact.path(),
                    artifact.sha256(), () -> queries.artifactData(id, artifact.name()));
            Path file = target.resolve(artifact.name());
            try {
                KeptFile.write(file, data);
            } catch (IOException e) {
                throw new TrainyardException("cannot write " + file + ": " + e + "; pass --to with a writable"
                        + " directory");
            }
            root.out().printf("Wrote %s (%d bytes, sha256 %s)%n", file, data.length, artifact.sha256());
        }
        if (chosen.isEmpty()) {
            root.out().printf("Run %s has no artifacts%n", id);
        }
        return ExitCodes.OK;
    }
}
