package io.trainyard.engine.provenance;

import io.trainyard.engine.concurrent.Background;
import io.trainyard.engine.tracking.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The state of the git checkout a file sits in: the commit, whether the working tree differs from it, and a hash of
 * that difference, so two runs from "the same commit" can be told apart when one had local edits.
 *
 * @param root the checkout's top directory
 * @param commit the full hash of HEAD
 * @param dirty whether tracked or untracked files differ from HEAD
 * @param diffSha256 SHA-256 of {@code git diff HEAD} (empty diff: the hash of nothing)
 */
public record GitState(String root, String commit, boolean dirty, String diffSha256) {

    /** The state of the checkout holding {@code directory}; empty when it is not in one or git is not installed. */
    public static Optional<GitState> of(Path directory) {
        try (Pending pending = start(directory)) {
            return pending.result();
        }
    }

    /**
     * Starts reading the state of the checkout holding {@code directory}: git's three processes run at once (one after
     * another they took 0.1 s of every run's start), and a run starts them before it loads its data. They are started
     * from a thread of their own: starting three processes took 40-50 ms of the command's thread.
     */
    public static Pending start(Path directory) {
        return new Pending(Background.supply("trainyard-git", () -> List.of(
                start(directory, "rev-parse", "--show-toplevel", "--verify", "HEAD"),
                start(directory, "status", "--porcelain"), start(directory, "diff-index", "-p", "HEAD"))));
    }

    /** Git's processes, being started; their answer once they end. Closing it ends those still running. */
    public static final class Pending implements AutoCloseable {

        /** The processes for the root and commit, the status and the difference, in that order. */
        private final CompletableFuture<List<Optional<Process>>> processes;

        private Pending(CompletableFuture<List<Optional<Process>>> processes) {
            this.processes = processes;
        }

        /** The checkout's state; empty when the directory is not in one or git is not installed. */
        public Optional<GitState> result() {
            try {
                List<Optional<Process>> started = processes.join();
                Optional<byte[]> rootAndCommitOutput = output(started.get(0));
                Optional<byte[]> statusOutput = output(started.get(1));
                Optional<byte[]> diffOutput = output(started.get(2));
                if (rootAndCommitOutput.isEmpty() || statusOutput.isEmpty() || diffOutput.isEmpty()) {
                    return Optional.empty();
                }
                String[] lines = text(rootAndCommitOutput.get()).split("\n");
                if (lines.length != 2) {
                    return Optional.empty();
                }
                return Optional.of(new GitState(lines[0], lines[1], statusOutput.get().length > 0,
                        Sha256.of(diffOutput.get())));
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        /**
         * Ends the processes that are still running: after their answer, or when it is no longer wanted (those not
         * started yet are ended as soon as they are).
         */
        @Override
        public void close() {
            processes.thenAccept(started -> started.forEach(process -> process.ifPresent(Process::destroy)));
        }
    }

    /** Whether the checkout at {@code root} has the commit (HEAD may be elsewhere). */
    public static boolean hasCommit(Path root, String commit) {
        try {
            return git(root, "cat-file", "-e", commit + "^{commit}").isPresent();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<byte[]> git(Path directory, String... arguments) throws IOException, InterruptedException {
        return output(start(directory, arguments));
    }

    /**
     * A git process in {@code directory}; empty when git cannot be started. Nothing here writes the user's index:
     * {@code status} and {@code diff} refresh it under {@code .git/index.lock} where files were touched, and a run
     * killed meanwhile would leave the lock behind and block the next commit; so status runs without optional locks
     * and the difference comes from {@code diff-index -p} (the patch {@code git diff HEAD} prints, without the
     * refresh, which {@code diff} does even without optional locks).
     */
    private static Optional<Process> start(Path directory, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "--no-optional-locks", "-C",
                directory.toString()));
        command.addAll(List.of(arguments));
        try {
            return Optional.of(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException noGit) {
            return Optional.empty();
        }
    }

    /** What the process wrote, once it has ended well; empty if it failed or took more than 30 s. */
    private static Optional<byte[]> output(Optional<Process> started) throws IOException, InterruptedException {
        if (started.isEmpty()) {
            return Optional.empty();
        }
        Process process = started.get();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return Optional.empty();
        }
        return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
    }

    private static String text(byte[] output) {
        return new String(output, StandardCharsets.UTF_8).trim();
    }
}
