package io.trainyard.engine.cli;

import io.trainyard.api.TrainyardException;
import io.trainyard.engine.tracking.RunAnnotations;
import io.trainyard.engine.tracking.RunQueries;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Set or remove tags of a run; filters read them as tags.KEY.",
        footer = {"", "  trainyard tag 20261125-0329 baseline=yes dataset=v2", "  trainyard tag 20261125-0329 --remove baseline"})
final class TagCommand implements Callable<Integer> {


    @ParentCommand
    private TrainyardCommand root;

    private final Provider<RunQueries> runQueries;
    private final Provider<RunAnnotations> runAnnotations;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one")
    private String runId;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Tags to set")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "KEY", description = "A tag to remove; repeatable")
    private List<String> removed = new ArrayList<>();

    @Inject
    TagCommand(Provider<RunQueries> runQueries, Provider<RunAnnotations> runAnnotations) {
        this.runQueries = runQueries;
        this.runAnnotations = runAnnotations;
    }

    @Override
    public Integer call() {
        if (tags.isEmpty() && removed.isEmpty()) {
            throw new TrainyardException("give tags as KEY=VALUE or --remove KEY");
        }
        List<String[]> pairs = new ArrayList<>();
        for (String tag : tags) {
            int equals = tag.indexOf('=');
            if (equals < 1) {
                throw new TrainyardException("cannot read tag '" + tag + "'; write KEY=VALUE");
            }
            RunAnnotations.checkTag(tag.substring(0, equals), tag.substring(equals + 1));
            pairs.add(new String[] {tag.substring(0, equals), tag.substring(equals + 1)});
        }
        String id = runQueries.get().find(runId).summary().id();
        RunAnnotations store = runAnnotations.get();
        pairs.forEach(pair -> store.tag(id, pair[0], pair[1]));
        removed.forEach(key -> store.tag(id, key, null));
        root.out().printf("Run %s: %d tag(s) set, %d removed%n", id, pairs.size(), removed.size());
        return ExitCodes.OK;
    }
}
