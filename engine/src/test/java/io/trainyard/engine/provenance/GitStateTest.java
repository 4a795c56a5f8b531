package io.trainyard.engine.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trainyard.engine.tracking.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitStateTest {

    @TempDir
    Path directory;

    private String git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output.strip();
    }

    /** A checkout in {@code directory} whose one commit holds {@code train.yaml}. */
    private void checkoutWithOneCommit() throws IOException, InterruptedException {
        git("init", "-q");
        Files.writeString(directory.resolve("train.yaml"), "epochs: 1\n");
        git("add", "train.yaml");
        git("commit", "-q", "-m", "first");
    }

    @Test
    void aCleanCheckoutGivesItsRootAndCommitAndTheHashOfNoDifference() throws Exception {
        checkoutWithOneCommit();
        Files.createDirectories(directory.resolve("experiments"));

        GitState state = GitState.of(directory.resolve("experiments")).orElseThrow();
        assertEquals(directory.toRealPath().toString(), state.root());
        assertEquals(git("rev-parse", "HEAD"), state.commit());
        assertFalse(state.dirty());
        assertEquals(Sha256.of(new byte[0]), state.diffSha256());
    }

    @Test
    void editsAndNewFilesMakeItDirtyAndTheDiffItsHash() throws Exception {
        checkoutWithOneCommit();

        Files.writeString(directory.resolve("notes.txt"), "untracked\n");
        GitState untracked = GitState.of(directory).orElseThrow();
        assertTrue(untracked.dirty());
        assertEquals(Sha256.of(new byte[0]), untracked.diffSha256(), "git diff leaves untracked files out");

        Files.writeString(directory.resolve("train.yaml"), "epochs: 2\n");
        GitState edited = GitState.of(directory).orElseThrow();
        assertTrue(edited.dirty());
        assertEquals(Sha256.of(git("diff", "HEAD").concat("\n").getBytes(StandardCharsets.UTF_8)),
                edited.diffSha256());
        assertNotEquals(untracked.diffSha256(), edited.diffSha256());
    }

    @Test
    void readingTheStateNeverWritesTheCheckoutsIndex() throws Exception {
        // A file touched since it was staged: git status would refresh the index's stat data and rewrite the index,
        // holding .git/index.lock meanwhile (a run killed then would leave the lock and block the user's next commit).
        checkoutWithOneCommit();
        Path file = directory.resolve("train.yaml");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
        Path index = directory.resolve(".git/index");
        byte[] before = Files.readAllBytes(index);
        FileTime modified = Files.getLastModifiedTime(index);

        assertFalse(GitState.of(directory).orElseThrow().dirty());
        assertArrayEquals(before, Files.readAllBytes(index));
        assertEquals(modified, Files.getLastModifiedTime(index));
    }

    @Test
    void noCheckoutOrNoCommitYetGivesNothing() throws Exception {
        assertTrue(GitState.of(directory).isEmpty(), "not a checkout");
        git("init", "-q");
        assertTrue(GitState.of(directory).isEmpty(), "a checkout without a commit");
    }
}
