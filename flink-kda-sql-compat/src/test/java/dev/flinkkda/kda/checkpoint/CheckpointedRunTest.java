package dev.flinkkda.kda.checkpoint;

import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.RunOptionsException;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RestoreMode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code --checkpoint-dir} records the run; {@code --resume} finds its latest completed checkpoint,
 * or refuses clearly: no run there, no checkpoint, a finished run, other arguments or a changed
 * application.
 */
class CheckpointedRunTest {

    @TempDir Path dir;

    private Path app;
    private Path input;
    private Path checkpoints;

    @BeforeEach
    void files() throws IOException {
        app = Files.writeString(dir.resolve("app.sql"), "-- an application\n");
        input = Files.writeString(dir.resolve("in.jsonl"), "{\"A\":1}\n");
        checkpoints = dir.resolve("checkpoints");
    }

    private List<String> runArguments(String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                app.toString(),
                                "--input",
                                input.toString(),
                                "--schema",
                                "A INTEGER",
                                "--output",
                                dir.resolve("out.jsonl").toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static CheckpointedRun prepare(List<String> args) throws IOException {
        String[] all = CheckpointedRun.arguments(args.toArray(new String[0]));
        return CheckpointedRun.prepare(RunOptions.parse(all));
    }

    private CheckpointedRun newRun() throws IOException {
        return prepare(
                runArguments(
                        "--checkpoint-dir", checkpoints.toString(), "--checkpoint-interval", "2s"));
    }

    /** A checkpoint directory as Flink leaves it, with {@code _metadata} if completed. */
    private void checkpoint(CheckpointedRun run, long id, boolean completed) throws IOException {
        Path chk =
                Files.createDirectories(
                        checkpoints
                                .resolve("checkpoints")
                                .resolve(run.jobId().toHexString())
                                .resolve("chk-" + id));
        if (completed) {
            Files.writeString(chk.resolve("_metadata"), "metadata");
        }
    }

    @Test
    void aNewRunIsRecordedAndCheckpointsIntoTheDirectory() throws IOException {
        CheckpointedRun run = newRun();
        assertThat(run.restored()).isEmpty();
        assertThat(run.restoredCheckpoint()).isEmpty();
        Configuration configuration = run.configure(new Configuration());
        assertThat(configuration.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(configuration.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(checkpoints.resolve("checkpoints").toUri().toString());
        assertThat(configuration.get(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID))
                .isEqualTo(run.jobId().toHexString());
        assertThat(configuration.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
        assertThat(checkpoints.resolve("flink-kda-run.properties")).isRegularFile();
    }

    @Test
    void resumeRestoresTheLatestCompletedCheckpointUnderTheSameJobId() throws IOException {
        CheckpointedRun first = newRun();
        checkpoint(first, 3, true);
        checkpoint(first, 4, true);
        checkpoint(first, 5, false); // killed while checkpointing

        for (List<String> args :
                List.of(
                        List.of("--resume", checkpoints.toString()),
                        runArguments("--resume", checkpoints.toString()))) {
            CheckpointedRun resumed = prepare(args);
            assertThat(resumed.jobId()).isEqualTo(first.jobId());
            assertThat(resumed.restored()).get().extracting(LatestCheckpoint::id).isEqualTo(4L);
            Configuration configuration = resumed.configure(new Configuration());
            Path chk4 =
                    checkpoints
                            .resolve("checkpoints")
                            .resolve(first.jobId().toHexString())
                            .resolve("chk-4");
            assertThat(configuration.get(StateRecoveryOptions.SAVEPOINT_PATH))
                    .isEqualTo(chk4.toUri().toString());
            assertThat(configuration.get(StateRecoveryOptions.RESTORE_MODE))
                    .isEqualTo(RestoreMode.CLAIM);
            assertThat(resumed.restoredCheckpoint()).hasValue("checkpoint 4 (" + chk4 + ")");
        }
    }

    @Test
    void resumeWithoutACompletedCheckpointIsRefused() throws IOException {
        CheckpointedRun first = newRun();
        checkpoint(first, 1, false);
        assertThatThrownBy(() -> prepare(List.of("--resume", checkpoints.toString())))
                .isInstanceOf(RunOptionsException.class)
                .hasMessageStartingWith(
                        "--resume " + checkpoints + ": the run completed no checkpoint")
                .hasMessageEndingWith("run it again from the start");
    }

    @Test
    void resumeOfADirectoryWithoutARunIsRefused() {
        assertThatThrownBy(() -> prepare(List.of("--resume", checkpoints.toString())))
                .isInstanceOf(RunOptionsException.class)
                .hasMessage(
                        "--resume "
                                + checkpoints
                                + ": no checkpointed run there (no flink-kda-run.properties);"
                                + " start one with --checkpoint-dir "
                                + checkpoints);
    }

    @Test
    void resumeWithOtherArgumentsIsRefused() throws IOException {
        checkpoint(newRun(), 1, true);
        assertThatThrownBy(
                        () ->
                                prepare(
                                        runArguments(
                                                "--parallelism",
                                                "2",
                                                "--resume",
                                                checkpoints.toString())))
                .isInstanceOf(RunOptionsException.class)
                .hasMessageStartingWith(
                        "--resume " + checkpoints + ": this is not the run checkpointed there:")
                .hasMessageContaining("its arguments were " + runArguments())
                .hasMessageContaining("these are " + runArguments("--parallelism", "2"))
                .hasMessageEndingWith(
                        "Give its arguments (or none: flink-kda run --resume " + checkpoints + ")");
    }

    @Test
    void resumeOfAChangedApplicationOrInputIsRefused() throws IOException {
        checkpoint(newRun(), 1, true);
        Files.writeString(app, "-- another application\n");
        Files.writeString(input, "{\"A\":1}\n{\"A\":2}\n");
        assertThatThrownBy(() -> prepare(List.of("--resume", checkpoints.toString())))
                .isInstanceOf(RunOptionsException.class)
                .hasMessageContaining("application " + app.toAbsolutePath() + " changed: SHA-256 ")
                .hasMessageContaining(
                        "input " + input.toAbsolutePath() + " changed: 8 bytes then, 16 bytes now");
    }

    @Test
    void aFinishedRunIsNotResumedAndItsDirectoryMayBeReused() throws IOException {
        CheckpointedRun first = newRun();
        checkpoint(first, 1, true);
        first.finished();
        assertThat(checkpoints.resolve("checkpoints").resolve(first.jobId().toHexString()))
                .doesNotExist();
        Files.writeString(dir.resolve("out.jsonl"), "the finished run's output\n");
        assertThatThrownBy(() -> prepare(List.of("--resume", checkpoints.toString())))
                .isInstanceOf(RunOptionsException.class)
                .hasMessage(
                        "--resume "
                                + checkpoints
                                + ": the run checkpointed there finished; its outputs are"
                                + " complete");
        Files.delete(dir.resolve("out.jsonl"));
        assertThat(newRun().jobId()).isNotEqualTo(first.jobId());
    }

    @Test
    void aNewRunIsRefusedTheCheckpointsOfAnUnfinishedOne() throws IOException {
        checkpoint(newRun(), 1, true);
        assertThatThrownBy(this::newRun)
                .isInstanceOf(RunOptionsException.class)
                .hasMessage(
                        "--checkpoint-dir "
                                + checkpoints
                                + ": holds the checkpoints of a run that did not finish; resume"
                                + " it with --resume "
                                + checkpoints
                                + ", or give another directory");
    }

    /** The message of the {@link RunOptionsException} that parsing the arguments ends with. */
    private String refusal(String... more) {
        Throwable thrown =
                catchThrowable(() -> RunOptions.parse(runArguments(more).toArray(new String[0])));
        assertThat(thrown).isInstanceOf(RunOptionsException.class);
        return thrown.getMessage();
    }

    @Test
    void checkpointOptionsAreCheckedWhenParsed() {
        String dirArg = checkpoints.toString();
        assertThat(refusal("--checkpoint-interval", "1s"))
                .isEqualTo("--checkpoint-interval needs --checkpoint-dir DIR (or --resume DIR)");
        assertThat(refusal("--checkpoint-dir", dirArg, "--resume", dirArg))
                .startsWith("--checkpoint-dir and --resume are both given");
        assertThat(refusal("--checkpoint-dir", dirArg, "--checkpoint-interval", "5ms"))
                .isEqualTo("--checkpoint-interval 5ms: expected at least 10ms");
        assertThat(refusal("--checkpoint-dir", input.toString()))
                .isEqualTo("--checkpoint-dir " + input + ": not a directory");
        assertThat(refusal("--checkpoint-dir", dirArg, "--checkpoint-dir", dirArg))
                .isEqualTo("--checkpoint-dir is given twice");
    }
}
