package dev.flinkkda.e2e;

import dev.flinkkda.e2e.SlidingJobFixture.OutputWindows;
import dev.flinkkda.e2e.SlidingJobFixture.WindowResult;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static dev.flinkkda.e2e.SlidingJobFixture.ERROR_STREAM;
import static dev.flinkkda.e2e.SlidingJobFixture.RESULT_TIMEOUT;
import static dev.flinkkda.e2e.SlidingJobFixture.hopping;
import static dev.flinkkda.e2e.SlidingJobFixture.input;
import static dev.flinkkda.e2e.SlidingJobFixture.perEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the TaskManager of a checkpointed {@link SlidingKinesisJob} mid-stream (SIGKILL), starts a
 * new TaskManager, and checks that the job restores its latest checkpoint and loses nothing: the
 * Kinesis consumer's shard position; the hopping windows' fast path (open panes holding
 * out-of-order readings, the queue of complete panes that windows still to fire need, each
 * subtask's watermark); and the per-event sliding windows (open slices, queued slices, the windows
 * of readings still to fire, each subtask's watermark).
 *
 * <p>The job runs hopping windows of 15 s every 5 s ({@code [5k s, 5k s + 15 s)}, panes of 5 s) and
 * per-event sliding windows of 10 s ({@code [t - 10 s, t]}, both ends included) over the same
 * readings, keyed by sensor, with a watermark 5 s behind the highest event time (minus 1 ms); see
 * {@link SlidingJobFixture}. Each window is written with its bounds, count and sum.
 *
 * <p>The first part of the input is read and checkpointed, the TaskManager is killed, and the rest
 * of the input is put only once the job runs again on the new TaskManager, so every window below
 * with readings from both parts can only have its exact count and sum if the checkpoint was
 * restored. The values are powers of two per sensor, so a window's sum tells which readings it
 * holds. The Kinesis sink is at-least-once: a window may arrive twice, but only as an identical
 * record.
 *
 * <p>Event times are 2018-08-01 11:00:ss; in seconds after 11:00:00, by sensor (value in
 * parentheses; {@code |} marks the kill):
 *
 * <pre>
 *   a:  1(1) 4(2) 8(4) 13(8) 20(16) 17(32)  |  18(64) 27(128)
 *   b:  6(1) 12(2) 16(4)                    |  14(8) 24(16)
 *   z:                                      |  3600(1)          only moves the watermark
 * </pre>
 *
 * <p>What would differ:
 *
 * <ul>
 *   <li><b>window state lost</b> (shard position kept): the per-event windows of a's 17 and 20 and
 *       b's 16 would never fire (those readings were held in open slices); a's 18 would be alone in
 *       its window (count 1, sum 64 instead of 4 and 108); the hopping windows from {@code [5, 20)}
 *       on would lack every reading before the kill ({@code [5, 20)} of a: 1 and 64 instead of 4
 *       and 108);
 *   <li><b>the operators' watermark not restored</b> (Flink's watermark starts again from scratch
 *       after a restore, and the new watermark generator has only seen a's 18 when b's 14 comes):
 *       b's 14 would be on time for the per-event windows, which would add its own window {@code
 *       [4, 14]} (count 3, sum 11) and change b's 16 to count 4, sum 15 and b's 24 to count 3, sum
 *       28;
 *   <li><b>the input read again from its start</b> (shard position lost, window state restored):
 *       a's 17 and 20 and b's 16 would be counted twice (their panes and slices were open), and the
 *       readings in complete panes would join the hopping windows {@code [5, 20)} and {@code [10,
 *       25)} a second time;
 *   <li><b>no checkpoint restored at all</b> (a fresh start, everything read again into empty
 *       state) would give the right windows, duplicated: that is why the test also checks that the
 *       job restored the checkpoint taken after the first part.
 * </ul>
 *
 * <p>Logs: {@code target/e2e/SlidingWindowRestartITCase/} ({@code flink/log/taskmanager-1.log} is
 * the killed TaskManager's, {@code flink/log/taskmanager-2.log} the new one's).
 */
class SlidingWindowRestartITCase {

    private static final Logger LOG = LoggerFactory.getLogger(SlidingWindowRestartITCase.class);

    private static final String CHECKPOINT_INTERVAL_MILLIS = "1000";

    /** The vertices of the two window operators; each reads every parsed reading. */
    private static final List<String> WINDOW_VERTICES =
            List.of("HoppingWindows", "PerEventSlidingWindows");

    /**
     * Read and checkpointed before the kill: sensor, event time, value. The highest event time is
     * 11:00:20, so the watermark stays at 11:00:14.999 until the job restarts:
     *
     * <ul>
     *   <li>the hopping windows up to {@code [11:00:00, 11:00:15)} fire — that last one exactly at
     *       the final watermark, so once it has arrived the watermark is through and a checkpoint
     *       triggered later holds it;
     *   <li>the per-event windows of the readings up to 11:00:13 fire;
     *   <li>in the checkpoint, hopping: a's complete panes {@code [5, 10)} = {8} and {@code [10,
     *       15)} = {13}, queued for the windows {@code [5, 20)} and {@code [10, 25)} still to fire;
     *       a's open panes {@code [15, 20)} = {17} (3 s out of order) and {@code [20, 25)} = {20};
     *       b's complete panes {6} and {12}, and its open pane {@code [15, 20)} = {16} (4 s out of
     *       order);
     *   <li>in the checkpoint, per-event: a's slices 4, 8 and 13 queued (needed by later windows),
     *       17 and 20 open with their windows still to fire; b's slices 6 and 12 queued, 16 open
     *       with its window still to fire.
     * </ul>
     */
    private static final List<String> BEFORE_KILL =
            List.of(
                    input("a", "11:00:01", 1),
                    input("a", "11:00:04", 2),
                    input("b", "11:00:06", 1),
                    input("a", "11:00:08", 4),
                    input("b", "11:00:12", 2),
                    input("a", "11:00:13", 8),
                    input("a", "11:00:20", 16),
                    input("a", "11:00:17", 32),
                    input("b", "11:00:16", 4));

    /**
     * Put once the job runs again:
     *
     * <ul>
     *   <li>a's 18: 2 s behind a's 20 read before the kill, ahead of the restored watermark: joins
     *       the restored open pane {@code [15, 20)} and the window of a's 20; its own window {@code
     *       [8, 18]} reaches back to a's 8, exactly at its start, through the restored queue;
     *   <li>b's 14: behind the restored watermark 11:00:14.999 (the new watermark generator has
     *       only seen 11:00:18 then: only the operators' checkpointed watermark knows). Per-event:
     *       late (its own window ends at 14, behind the watermark), dropped, in no window. Hopping:
     *       its pane {@code [10, 15)} is complete, but {@code [5, 20)} and {@code [10, 25)} have
     *       not fired: it joins them; {@code [0, 15)} fired before the kill and does not fire again
     *       (no allowed lateness);
     *   <li>b's 24 and a's 27: windows reaching back into the restored state;
     *   <li>z at 12:00:00 moves the watermark past all windows of a and b; its own never fire.
     * </ul>
     */
    private static final List<String> AFTER_RESTART =
            List.of(
                    input("a", "11:00:18", 64),
                    input("b", "11:00:14", 8),
                    input("b", "11:00:24", 16),
                    input("a", "11:00:27", 128),
                    input("z", "12:00:00", 1));

    /** The windows that fire before the kill. */
    private static final List<WindowResult> FIRED_BEFORE_KILL =
            List.of(
                    hopping("a", "10:59:50", "11:00:05", 2, 1 + 2),
                    hopping("a", "10:59:55", "11:00:10", 3, 1 + 2 + 4),
                    hopping("a", "11:00:00", "11:00:15", 4, 1 + 2 + 4 + 8),
                    hopping("b", "10:59:55", "11:00:10", 1, 1),
                    hopping("b", "11:00:00", "11:00:15", 2, 1 + 2),
                    perEvent("a", "11:00:01", 1, 1),
                    perEvent("a", "11:00:04", 2, 1 + 2),
                    perEvent("a", "11:00:08", 3, 1 + 2 + 4),
                    perEvent("a", "11:00:13", 3, 2 + 4 + 8),
                    perEvent("b", "11:00:06", 1, 1),
                    perEvent("b", "11:00:12", 2, 1 + 2));

    /** The windows that fire after the restart, worked out by hand. */
    private static final List<WindowResult> FIRED_AFTER_RESTART =
            List.of(
                    // a's panes: [5,10) {8} and [10,15) {13} restored from the queue, [15,20) {17}
                    // restored open + 18, [20,25) {20} restored open, [25,30) {27}
                    hopping("a", "11:00:05", "11:00:20", 4, 4 + 8 + 32 + 64),
                    hopping("a", "11:00:10", "11:00:25", 4, 8 + 32 + 64 + 16),
                    hopping("a", "11:00:15", "11:00:30", 4, 32 + 64 + 16 + 128),
                    hopping("a", "11:00:20", "11:00:35", 2, 16 + 128),
                    hopping("a", "11:00:25", "11:00:40", 1, 128),
                    // b's panes: [5,10) {6} and [10,15) {12} restored + 14 (behind the watermark),
                    // [15,20) {16} restored open, [20,25) {24}
                    hopping("b", "11:00:05", "11:00:20", 4, 1 + 2 + 8 + 4),
                    hopping("b", "11:00:10", "11:00:25", 4, 2 + 8 + 4 + 16),
                    hopping("b", "11:00:15", "11:00:30", 2, 4 + 16),
                    hopping("b", "11:00:20", "11:00:35", 1, 16),
                    // held before the kill: [7, 17] = 8 13 17 (18 is later)
                    perEvent("a", "11:00:17", 3, 4 + 8 + 32),
                    // [8, 18] = 8 13 17 18: both ends included
                    perEvent("a", "11:00:18", 4, 4 + 8 + 32 + 64),
                    // held before the kill: [10, 20] = 13 17 18 20
                    perEvent("a", "11:00:20", 4, 8 + 32 + 64 + 16),
                    // [17, 27] = 17 18 20 27: 17 exactly at the start
                    perEvent("a", "11:00:27", 4, 32 + 64 + 16 + 128),
                    // held before the kill: [6, 16] = 6 12 16 (14 was late: dropped)
                    perEvent("b", "11:00:16", 3, 1 + 2 + 4),
                    // [14, 24] = 16 24 (14 was late: dropped)
                    perEvent("b", "11:00:24", 2, 4 + 16));

    /** Every window of the job: nothing else may arrive, each at least once. */
    private static final List<WindowResult> EXPECTED =
            concat(FIRED_BEFORE_KILL, FIRED_AFTER_RESTART);

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        env = E2eEnvironment.start(SlidingWindowRestartITCase.class);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void restoresPanesSlicesAndWatermarksAfterTheTaskManagerIsKilled() {
        KinesaliteClient kinesis = env.kinesis();
        SlidingJobFixture.createStreams(kinesis);
        SlidingJobFixture.putInput(kinesis, BEFORE_KILL);

        FlinkJob job =
                SlidingJobFixture.submit(
                        env, "--checkpoint-interval-millis", CHECKPOINT_INTERVAL_MILLIS);
        try {
            OutputWindows output = new OutputWindows(kinesis);
            long checkpointId = awaitCheckpointOfFirstPart(job, output);

            JsonNode restored = env.killTaskManagerAndAwaitRestore(job, RESULT_TIMEOUT);
            assertThat(restored.path("id").asLong())
                    .as("the restored checkpoint")
                    .isGreaterThanOrEqualTo(checkpointId);
            assertThat(restored.path("is_savepoint").asBoolean()).isFalse();

            SlidingJobFixture.putInput(kinesis, AFTER_RESTART);
            output.await(job, EXPECTED, EXPECTED);
            List<WindowResult> results = output.readAfterPause();
            LOG.info(
                    "Output of job {}: {} records, {} duplicates: {}",
                    job.id(),
                    results.size(),
                    results.size() - new HashSet<>(results).size(),
                    results);
            // At least once: a window may repeat, identical. Nothing lost, nothing else.
            assertThat(new HashSet<>(results)).containsExactlyInAnyOrderElementsOf(EXPECTED);
            assertThat(kinesis.readFromStart(ERROR_STREAM).poll()).as("error records").isEmpty();
        } finally {
            job.cancelQuietly();
        }
        assertThat(job.awaitTerminalState(Duration.ofSeconds(30))).isEqualTo("CANCELED");
    }

    /**
     * Waits until the windows that fire before the kill arrived (and nothing else), both window
     * operators have read every record of the first part, and a checkpoint triggered after that has
     * completed; returns its id.
     */
    private static long awaitCheckpointOfFirstPart(FlinkJob job, OutputWindows output) {
        assertThat(output.await(job, FIRED_BEFORE_KILL, EXPECTED))
                .as("the output before the kill")
                .containsExactlyInAnyOrderElementsOf(FIRED_BEFORE_KILL);
        for (String vertex : WINDOW_VERTICES) {
            long recordsRead =
                    job.await(
                            RESULT_TIMEOUT,
                            () -> "the " + BEFORE_KILL.size() + " records read by " + vertex,
                            () ->
                                    Optional.of(job.recordsRead(vertex))
                                            .filter(read -> read >= BEFORE_KILL.size()));
            LOG.info("{} of job {} read {} records", vertex, job.id(), recordsRead);
        }
        JsonNode checkpoints =
                job.awaitCheckpointTriggeredAfter(System.currentTimeMillis(), RESULT_TIMEOUT);
        JsonNode checkpoint = checkpoints.path("latest").path("completed");
        LOG.info(
                "Checkpoint {} of job {} completed after the first part was read (counts {}): {}",
                checkpoint.path("id").asLong(),
                job.id(),
                checkpoints.path("counts"),
                checkpoint);
        return checkpoint.path("id").asLong();
    }

    private static List<WindowResult> concat(List<WindowResult> first, List<WindowResult> second) {
        List<WindowResult> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
