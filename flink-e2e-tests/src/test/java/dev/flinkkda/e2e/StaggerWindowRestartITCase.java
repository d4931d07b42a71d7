package dev.flinkkda.e2e;

import dev.flinkkda.e2e.StaggerJobFixture.OutputWindows;
import dev.flinkkda.e2e.StaggerJobFixture.WindowCount;
import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.FlinkJob;
import dev.flinkkda.e2e.harness.KinesaliteClient;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static dev.flinkkda.e2e.StaggerJobFixture.RESULT_TIMEOUT;
import static dev.flinkkda.e2e.StaggerJobFixture.input;
import static dev.flinkkda.e2e.StaggerJobFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the TaskManager of a checkpointed {@link StaggerKinesisJob} mid-stream (SIGKILL), starts a
 * new TaskManager, and checks that the job restores its latest checkpoint and loses nothing: the
 * Kinesis consumer's shard position, the stagger windows that were open and the elements that the
 * per-key timestamp sorter was holding (out of order, within the watermark bound) at the
 * checkpoint.
 *
 * <p>The first part of the input is read and checkpointed, the TaskManager is killed, and the rest
 * of the input is put only once the job runs again on the new TaskManager, so every window below
 * that has elements of both parts can only have its exact count if the checkpoint was restored. The
 * Kinesis sink is at-least-once: a window may arrive twice, but only as an identical record.
 *
 * <p>Logs: {@code target/e2e/StaggerWindowRestartITCase/} ({@code flink/log/taskmanager-1.log} is
 * the killed TaskManager's, {@code flink/log/taskmanager-2.log} the new one's).
 */
class StaggerWindowRestartITCase {

    private static final Logger LOG = LoggerFactory.getLogger(StaggerWindowRestartITCase.class);

    private static final String CHECKPOINT_INTERVAL_MILLIS = "1000";

    /** The vertex of the per-key timestamp sorter and the windows (it reads the parsed records). */
    private static final String WINDOW_VERTEX = "StaggerOrder";

    /**
     * Read and checkpointed before the kill: ROWTIME, EVENT_TIME, TICKER. The highest ROWTIME is
     * 11:01:05, so the watermark stays at 11:00:54.999 (10 s bound) until the job restarts:
     *
     * <ul>
     *   <li>(INTC, 10:59) closes its window [10:59:50, 11:00:50) before the kill;
     *   <li>(AMZN, 11:00) [11:00:10, 11:01:10) and (MSFT, 11:00) [11:00:40, 11:01:40) are open
     *       windows in the checkpoint;
     *   <li>11:01:05, 11:01:04 and 11:01:01 are later than the watermark and their keys have no
     *       open window, so the per-key timestamp sorter holds them in the checkpoint: 11:01:05
     *       opens (AMZN, 11:01) once released; INTC's 11:01:01 arrives after its 11:01:04 (3 s out
     *       of order) and must still open (INTC, 11:01) at 11:01:01;
     *   <li>AMZN's 11:00:58 (7 s out of order) belongs to the open window of (AMZN, 11:00).
     * </ul>
     */
    private static final List<String> BEFORE_KILL =
            List.of(
                    input("10:59:50", "10:59:45", "INTC"),
                    input("10:59:58", "10:59:55", "INTC"),
                    input("11:00:10", "11:00:05", "AMZN"),
                    input("11:00:30", "11:00:25", "AMZN"),
                    input("11:00:40", "11:00:35", "MSFT"),
                    input("11:01:05", "11:01:00", "AMZN"),
                    input("11:01:04", "11:01:02", "INTC"),
                    input("11:01:01", "11:01:00", "INTC"),
                    input("11:00:58", "11:00:50", "AMZN"));

    /**
     * Put once the job runs again: the last elements of the open windows, and INTC's 11:02:02,
     * which opens a second window of (INTC, 11:01) only if the first one opened at 11:01:01 (it
     * would join a window opened at 11:01:04). The last record only moves the watermark past all
     * windows.
     */
    private static final List<String> AFTER_RESTART =
            List.of(
                    input("11:01:08", "11:00:59", "AMZN"),
                    input("11:01:15", "11:00:58", "MSFT"),
                    input("11:01:20", "11:01:10", "AMZN"),
                    input("11:01:30", "11:01:25", "INTC"),
                    input("11:02:02", "11:01:58", "INTC"),
                    input("12:00:00", "12:00:00", "ZZZZ"));

    /** The window that closes before the kill. */
    private static final WindowCount CLOSED_BEFORE_KILL =
            window("INTC", "10:59:00", "10:59:50", "11:00:50", 2);

    /**
     * All windows, worked out by hand: ticker, event minute, window start, window end, count. With
     * the open windows lost, (AMZN, 11:00) and (MSFT, 11:00) would count less and start later; with
     * the held records lost, the windows of (AMZN, 11:01) and (INTC, 11:01) would count less and
     * start later; with the input read again from its start, counts would double.
     */
    private static final List<WindowCount> EXPECTED =
            List.of(
                    CLOSED_BEFORE_KILL,
                    // 3 records before the kill (2 in order, 1 out of order) + 1 after the restart
                    window("AMZN", "11:00:00", "11:00:10", "11:01:10", 4),
                    // 1 record in the open window + 1 after the restart
                    window("MSFT", "11:00:00", "11:00:40", "11:01:40", 2),
                    // opened by a held record + 1 after the restart
                    window("AMZN", "11:01:00", "11:01:05", "11:02:05", 2),
                    // 2 held records, out of order + 1 after the restart
                    window("INTC", "11:01:00", "11:01:01", "11:02:01", 3),
                    window("INTC", "11:01:00", "11:02:02", "11:03:02", 1));

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        env = E2eEnvironment.start(StaggerWindowRestartITCase.class);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void restoresOpenWindowsAndHeldRecordsAfterTheTaskManagerIsKilled() {
        KinesaliteClient kinesis = env.kinesis();
        StaggerJobFixture.createStreams(kinesis);
        StaggerJobFixture.putInput(kinesis, BEFORE_KILL);

        FlinkJob job =
                StaggerJobFixture.submit(
                        env, "--checkpoint-interval-millis", CHECKPOINT_INTERVAL_MILLIS);
        try {
            OutputWindows output = new OutputWindows(kinesis);
            long checkpointId = awaitCheckpointOfFirstPart(job, output);

            JsonNode restored = env.killTaskManagerAndAwaitRestore(job, RESULT_TIMEOUT);
            assertThat(restored.path("id").asLong())
                    .as("the restored checkpoint")
                    .isGreaterThanOrEqualTo(checkpointId);
            assertThat(restored.path("is_savepoint").asBoolean()).isFalse();

            StaggerJobFixture.putInput(kinesis, AFTER_RESTART);
            output.await(job, EXPECTED, EXPECTED);
            List<WindowCount> results = output.readAfterPause();
            LOG.info(
                    "Output of job {}: {} records, {} duplicates: {}",
                    job.id(),
                    results.size(),
                    results.size() - new HashSet<>(results).size(),
                    results);
            // At least once: a window may repeat, identical. Nothing lost, nothing else.
            assertThat(new HashSet<>(results)).containsExactlyInAnyOrderElementsOf(EXPECTED);
        } finally {
            job.cancelQuietly();
        }
        assertThat(job.awaitTerminalState(Duration.ofSeconds(30))).isEqualTo("CANCELED");
    }

    /**
     * Waits until the window closed by the first part arrived (and nothing else), the window
     * operator has read every record of the first part, and a checkpoint triggered after that has
     * completed; returns its id.
     */
    private static long awaitCheckpointOfFirstPart(FlinkJob job, OutputWindows output) {
        assertThat(output.await(job, List.of(CLOSED_BEFORE_KILL), EXPECTED))
                .as("the output before the kill")
                .containsExactly(CLOSED_BEFORE_KILL);
        long recordsRead =
                job.await(
                        RESULT_TIMEOUT,
                        () -> "the " + BEFORE_KILL.size() + " records read by " + WINDOW_VERTEX,
                        () ->
                                Optional.of(job.recordsRead(WINDOW_VERTEX))
                                        .filter(read -> read >= BEFORE_KILL.size()));
        JsonNode checkpoints =
                job.awaitCheckpointTriggeredAfter(System.currentTimeMillis(), RESULT_TIMEOUT);
        JsonNode checkpoint = checkpoints.path("latest").path("completed");
        LOG.info(
                "Checkpoint {} of job {} completed after {} read {} records (counts {}): {}",
                checkpoint.path("id").asLong(),
                job.id(),
                WINDOW_VERTEX,
                recordsRead,
                checkpoints.path("counts"),
                checkpoint);
        return checkpoint.path("id").asLong();
    }
}
