package dev.flinkkda.kda.checkpoint;

import dev.flinkkda.kda.options.CheckpointOptions;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.RunOptionsException;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RestoreMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run that checkpoints into a directory ({@code --checkpoint-dir DIR}) or goes on from the latest
 * checkpoint there ({@code --resume DIR}). The directory holds the run's {@link RunRecord} and
 * Flink's checkpoints, {@code DIR/checkpoints/JOBID/chk-N}.
 *
 * <p>A resumed job keeps the job id of the run it resumes: its file outputs' partial files keep
 * their names, and its checkpoints go on in the same directory. It restores in Flink's {@code
 * CLAIM} mode: the restored checkpoint is the job's own, deleted once a later one completes.
 */
public final class CheckpointedRun {

    private final CheckpointOptions options;
    private final RunRecord record;
    private final Optional<LatestCheckpoint> restored;

    private CheckpointedRun(
            CheckpointOptions options, RunRecord record, Optional<LatestCheckpoint> restored) {
        this.options = options;
        this.record = record;
        this.restored = restored;
    }

    /**
     * The arguments to run: for {@code run --resume DIR} without the application and its options,
     * the arguments recorded in {@code DIR} followed by those given; else those given.
     *
     * @throws RunOptionsException for {@code --resume} of a directory without a run, or of a run
     *     that finished (before its outputs, which exist then, are refused)
     */
    public static String[] arguments(String[] args) {
        List<String> given = List.of(args);
        Optional<Path> resume = CheckpointOptions.resumeDirectory(given);
        if (resume.isEmpty()) {
            return args;
        }
        RunRecord recorded = recordOf(resume.get());
        refuseFinished(resume.get(), recorded);
        if (!CheckpointOptions.withoutCheckpointOptions(given).isEmpty()) {
            return args;
        }
        List<String> arguments = new ArrayList<>(recorded.arguments());
        arguments.addAll(given);
        return arguments.toArray(new String[0]);
    }

    private static void refuseFinished(Path directory, RunRecord recorded) {
        if (recorded.finished()) {
            throw new RunOptionsException(
                    "--resume "
                            + directory
                            + ": the run checkpointed there finished; its outputs are complete");
        }
    }

    /**
     * Prepares the run of {@code options} (which has checkpoint options): for a new run, creates
     * the directory and records the run; for a resume, checks that this run is the one recorded and
     * finds its latest checkpoint.
     *
     * @throws RunOptionsException when the directory cannot be used as asked
     */
    public static CheckpointedRun prepare(RunOptions options) throws IOException {
        CheckpointOptions checkpoints = options.checkpoints().orElseThrow();
        Path directory = checkpoints.directory();
        RunRecord current = RunRecord.of(options, checkpoints.runArguments());
        if (!checkpoints.resume()) {
            Files.createDirectories(directory);
            if (Files.exists(directory.resolve(RunRecord.FILE_NAME))) {
                RunRecord previous = RunRecord.read(directory);
                if (!previous.finished()
                        && LatestCheckpoint.in(jobDirectory(directory, previous)).isPresent()) {
                    throw new RunOptionsException(
                            "--checkpoint-dir "
                                    + directory
                                    + ": holds the checkpoints of a run that did not finish;"
                                    + " resume it with --resume "
                                    + directory
                                    + ", or give another directory");
                }
            }
            current.write(directory);
            return new CheckpointedRun(checkpoints, current, Optional.empty());
        }
        RunRecord recorded = recordOf(directory);
        refuseFinished(directory, recorded);
        List<String> differences = recorded.differencesFrom(current);
        if (!differences.isEmpty()) {
            throw new RunOptionsException(
                    "--resume "
                            + directory
                            + ": this is not the run checkpointed there: "
                            + String.join("; ", differences)
                            + ". Give its arguments (or none: flink-kda run --resume "
                            + directory
                            + ")");
        }
        LatestCheckpoint latest =
                LatestCheckpoint.in(jobDirectory(directory, recorded))
                        .orElseThrow(
                                () ->
                                        new RunOptionsException(
                                                "--resume "
                                                        + directory
                                                        + ": the run completed no checkpoint"
                                                        + " there (no "
                                                        + jobDirectory(directory, recorded)
                                                        + "/chk-N/_metadata); run it again"
                                                        + " from the start"));
        return new CheckpointedRun(checkpoints, recorded, Optional.of(latest));
    }

    private static RunRecord recordOf(Path directory) {
        if (!Files.isRegularFile(directory.resolve(RunRecord.FILE_NAME))) {
            throw new RunOptionsException(
                    "--resume "
                            + directory
                            + ": no checkpointed run there (no "
                            + RunRecord.FILE_NAME
                            + "); start one with --checkpoint-dir "
                            + directory);
        }
        try {
            return RunRecord.read(directory);
        } catch (IOException | IllegalArgumentException e) {
            throw new RunOptionsException(
                    "--resume " + directory + ": cannot read " + RunRecord.FILE_NAME + ": " + e, e);
        }
    }

    private static Path jobDirectory(Path directory, RunRecord record) {
        return checkpointRoot(directory).resolve(record.jobId().toHexString());
    }

    /** Where Flink writes the checkpoints: a directory per job id. */
    private static Path checkpointRoot(Path directory) {
        return directory.toAbsolutePath().resolve("checkpoints");
    }

    /** The job's id: a new one, or the resumed run's. */
    public JobID jobId() {
        return record.jobId();
    }

    /** The checkpoint the job restores, for a resumed run. */
    public Optional<LatestCheckpoint> restored() {
        return restored;
    }

    /**
     * Sets the embedded job's checkpointing: exactly once, every interval, into the directory,
     * retained when the job fails or is cancelled; restored from the latest checkpoint for a
     * resume. With no restarts: a failure ends the run (to be resumed), as without checkpoints.
     */
    public Configuration configure(Configuration configuration) {
        configuration
                .set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.interval())
                .set(
                        CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                        CheckpointingMode.EXACTLY_ONCE)
                .set(
                        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION)
                .set(
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        checkpointRoot(options.directory()).toUri().toString())
                // A bounded job would otherwise wait, at the end of its input, for one more
                // checkpoint (up to an interval). Without it, checkpoints stop when the file
                // input is read; a run killed after that resumes from the last one before.
                .set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false)
                .set(RestartStrategyOptions.RESTART_STRATEGY, "disable")
                .set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, record.jobId().toHexString());
        restored.ifPresent(
                checkpoint ->
                        configuration
                                .set(
                                        StateRecoveryOptions.SAVEPOINT_PATH,
                                        checkpoint.directory().toUri().toString())
                                .set(StateRecoveryOptions.RESTORE_MODE, RestoreMode.CLAIM));
        return configuration;
    }

    /**
     * Records that the run ended well, so that {@code --resume} has nothing to do, and deletes the
     * job's checkpoints: a finished run's restore nothing anyone needs, and Flink (1.20.3) leaves
     * the last one of a resumed job behind when it finishes.
     */
    public void finished() throws IOException {
        record.asFinished().write(options.directory());
        Path checkpoints = jobDirectory(options.directory(), record);
        if (Files.isDirectory(checkpoints)) {
            try (Stream<Path> files = Files.walk(checkpoints)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** {@code checkpoint N (DIR/checkpoints/JOBID/chk-N)} for a resumed run. */
    public Optional<String> restoredCheckpoint() {
        return restored.map(
                checkpoint ->
                        "checkpoint " + checkpoint.id() + " (" + checkpoint.directory() + ")");
    }

    /** How to go on after the run was interrupted. */
    public String resumeHint() {
        return "its checkpoints are in "
                + options.directory()
                + "; go on with: flink-kda run --resume "
                + options.directory();
    }
}
