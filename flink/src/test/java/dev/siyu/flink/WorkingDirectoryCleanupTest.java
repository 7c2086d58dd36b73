package dev.siyu.flink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The working directory of a local run is removed after it; its cleanup never fails a finished run. */
class WorkingDirectoryCleanupTest {
    @TempDir
    Path temp;

    @Test
    void theWholeWorkingTreeIsDeleted() throws Exception {
        Path work = temp.resolve("work");
        Files.createDirectories(work.resolve("checkpoints/job/chk-1"));
        Files.writeString(work.resolve("checkpoints/job/chk-1/_metadata"), "x");
        Files.writeString(work.resolve("decisions.part"), "x");

        LocalRun.delete(work);

        assertThat(work).doesNotExist();
    }

    @Test
    void aWorkingDirectoryAlreadyGoneIsNoError() {
        // Flink may discard a checkpoint directory itself after the job returned
        assertThatCode(() -> LocalRun.delete(temp.resolve("gone"))).doesNotThrowAnyException();
    }
}
