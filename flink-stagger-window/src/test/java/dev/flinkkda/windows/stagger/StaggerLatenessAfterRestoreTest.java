package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.stagger.StaggerPipelineHarness.Path;
import dev.flinkkda.windows.stagger.StaggerPipelineHarness.Snapshot;
import dev.flinkkda.windows.testing.PipelineOutcome;
import dev.flinkkda.windows.testing.Rescaling;
import dev.flinkkda.windows.testing.WindowPipeline;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path ({@link EventTimeStaggerWindows#incremental}) restored from a checkpoint judges an
 * element that arrives before any new watermark by the watermark its key's state had reached: each
 * run with a failure gives what the same input gave without it (hand-checked below). Size 100.
 */
class StaggerLatenessAfterRestoreTest {

    private static final long SIZE = 100;
    private static final int MAX_PARALLELISM = 128;

    /** Key a's window [1000, 1100) fires at watermark 1200; b's [1180, 1280) is open. */
    private static final WindowPipeline.Input BEFORE =
            h -> {
                h.element("a", 1000, 1);
                h.element("a", 1050, 2);
                h.element("b", 1180, 4);
                h.watermark(1200);
            };

    private static final WindowPipeline.Input AFTER =
            h -> {
                h.element("a", 1060, 8); // behind 1200 and in a's fired window [1000, 1100)
                h.element("a", 1120, 16); // behind 1200, but its own window ends later
                h.element("b", 1190, 32); // in b's open window
                h.watermark(Long.MAX_VALUE);
            };

    /** Without allowed lateness, 1060 is late: side output, no window of its own. */
    @Test
    void lateElementGoesToTheSideOutputAsWithoutTheFailure() throws Exception {
        PipelineOutcome withoutFailure = withoutFailure(0);
        assertThat(withoutFailure.results())
                .containsExactly(
                        new WindowResult("a", 1000, 1100, 2, 3),
                        new WindowResult("a", 1120, 1220, 1, 16),
                        new WindowResult("b", 1180, 1280, 2, 36));
        assertThat(withoutFailure.late()).containsExactly(Tuple3.of("a", 1060L, 8L));
        assertThat(restoredBetweenBeforeAndAfter(0)).isEqualTo(withoutFailure);
    }

    /**
     * With allowed lateness 150, [1000, 1100) is kept to 1249: 1060 joins it, and it fires again.
     */
    @Test
    void lateElementJoinsItsFiredWindowAsWithoutTheFailure() throws Exception {
        PipelineOutcome withoutFailure = withoutFailure(150);
        assertThat(withoutFailure.results())
                .containsExactly(
                        new WindowResult("a", 1000, 1100, 2, 3),
                        new WindowResult("a", 1000, 1100, 3, 11),
                        new WindowResult("a", 1120, 1220, 1, 16),
                        new WindowResult("b", 1180, 1280, 2, 36));
        assertThat(withoutFailure.late()).isEmpty();
        assertThat(restoredBetweenBeforeAndAfter(150)).isEqualTo(withoutFailure);
    }

    private static PipelineOutcome withoutFailure(long allowedLateness) throws Exception {
        try (StaggerPipelineHarness h = fastPath(allowedLateness, null, 1, 0)) {
            return PipelineOutcome.run(h, BEFORE, AFTER);
        }
    }

    private static PipelineOutcome restoredBetweenBeforeAndAfter(long allowedLateness)
            throws Exception {
        Snapshot snapshot;
        PipelineOutcome before;
        try (StaggerPipelineHarness h = fastPath(allowedLateness, null, 1, 0)) {
            before = PipelineOutcome.run(h, BEFORE);
            snapshot = h.snapshot(1);
        }
        try (StaggerPipelineHarness h = fastPath(allowedLateness, snapshot, 1, 0)) {
            return before.plus(PipelineOutcome.run(h, AFTER));
        }
    }

    // ---- rescaling: subtask 0 (key a) reached watermark 1200, subtask 1 (key b) only 1010 ----

    private static final String A = Rescaling.keyOf(0, 2, MAX_PARALLELISM);
    private static final String B = Rescaling.keyOf(1, 2, MAX_PARALLELISM);

    /** a's [1000, 1100) fires at 1200. */
    private static final WindowPipeline.Input BEFORE_A =
            h -> {
                h.element(A, 1000, 1);
                h.element(A, 1050, 2);
                h.watermark(1200);
            };

    /** b's [1000, 1100) opens at 1010. */
    private static final WindowPipeline.Input BEFORE_B =
            h -> {
                h.element(B, 1000, 4);
                h.watermark(1010);
            };

    /** 1060 is behind a's 1200: late; 1120 opens a window of its own (it ends after 1200). */
    private static final WindowPipeline.Input AFTER_A =
            h -> {
                h.element(A, 1060, 8);
                h.element(A, 1120, 16);
            };

    /** 1150 is ahead of b's 1010: it waits, and opens b's next window. */
    private static final WindowPipeline.Input AFTER_B =
            h -> {
                h.element(B, 1020, 32);
                h.element(B, 1150, 64);
            };

    private static final WindowPipeline.Input END = h -> h.watermark(Long.MAX_VALUE);

    /** The two subtasks checkpointed after {@link #BEFORE_A} and {@link #BEFORE_B}. */
    private record Checkpoint(PipelineOutcome before, Snapshot subtask0, Snapshot subtask1) {}

    /**
     * Two subtasks restored into one: the watermark starts again below both, and the lowest
     * restored one (1010) is b's, not a's. Each key is judged by its old subtask's watermark.
     */
    @Test
    void restoreFromTwoSubtasksIntoOneJudgesEachKeyByItsOldSubtask() throws Exception {
        Checkpoint checkpoint = twoSubtasksCheckpointed();
        PipelineOutcome after;
        try (StaggerPipelineHarness h = restoredIntoOne(checkpoint)) {
            after = PipelineOutcome.run(h, AFTER_A, AFTER_B, END);
        }
        assertSameAsWithoutFailure(checkpoint.before().plus(after));
    }

    /**
     * Two subtasks into one, checkpointed again before any watermark, and back into two: the second
     * checkpoint keeps a's 1200 and b's 1010, not one watermark for both.
     */
    @Test
    void restoreIntoOneAndBackIntoTwoKeepsEachKeysWatermark() throws Exception {
        Checkpoint checkpoint = twoSubtasksCheckpointed();
        Snapshot merged;
        try (StaggerPipelineHarness h = restoredIntoOne(checkpoint)) {
            merged = h.snapshot(2);
        }
        PipelineOutcome after;
        try (StaggerPipelineHarness h = fastPath(0, restoredState(2, 0, merged), 2, 0)) {
            after = PipelineOutcome.run(h, AFTER_A, END);
        }
        try (StaggerPipelineHarness h = fastPath(0, restoredState(2, 1, merged), 2, 1)) {
            after = after.plus(PipelineOutcome.run(h, AFTER_B, END));
        }
        assertSameAsWithoutFailure(checkpoint.before().plus(after));
    }

    /** Compares with both subtasks' runs without failure, hand-checked. */
    private static void assertSameAsWithoutFailure(PipelineOutcome withFailure) throws Exception {
        PipelineOutcome withoutFailure;
        try (StaggerPipelineHarness h = fastPath(0, null, 2, 0)) {
            withoutFailure = PipelineOutcome.run(h, BEFORE_A, AFTER_A, END);
        }
        try (StaggerPipelineHarness h = fastPath(0, null, 2, 1)) {
            withoutFailure = withoutFailure.plus(PipelineOutcome.run(h, BEFORE_B, AFTER_B, END));
        }
        assertThat(withoutFailure.results())
                .containsExactly(
                        new WindowResult(A, 1000, 1100, 2, 3),
                        new WindowResult(A, 1120, 1220, 1, 16),
                        new WindowResult(B, 1000, 1100, 2, 36),
                        new WindowResult(B, 1150, 1250, 1, 64));
        assertThat(withoutFailure.late()).containsExactly(Tuple3.of(A, 1060L, 8L));
        assertThat(withFailure.results())
                .containsExactlyInAnyOrderElementsOf(withoutFailure.results());
        assertThat(withFailure.late()).containsExactlyInAnyOrderElementsOf(withoutFailure.late());
    }

    private static Checkpoint twoSubtasksCheckpointed() throws Exception {
        PipelineOutcome before;
        Snapshot subtask0;
        try (StaggerPipelineHarness h = fastPath(0, null, 2, 0)) {
            before = PipelineOutcome.run(h, BEFORE_A);
            subtask0 = h.snapshot(1);
        }
        try (StaggerPipelineHarness h = fastPath(0, null, 2, 1)) {
            before = before.plus(PipelineOutcome.run(h, BEFORE_B));
            return new Checkpoint(before, subtask0, h.snapshot(1));
        }
    }

    /** The fast path restored from both subtasks' checkpoint as the one subtask of one. */
    private static StaggerPipelineHarness restoredIntoOne(Checkpoint checkpoint) throws Exception {
        return fastPath(0, restoredState(1, 0, checkpoint.subtask0(), checkpoint.subtask1()), 1, 0);
    }

    /** The window operator's state for a subtask of {@code parallelism}, from the old subtasks'. */
    private static Snapshot restoredState(int parallelism, int subtask, Snapshot... oldSubtasks)
            throws Exception {
        OperatorSubtaskState[] windowStates =
                Arrays.stream(oldSubtasks)
                        .map(Snapshot::window)
                        .toArray(OperatorSubtaskState[]::new);
        return new Snapshot(
                null, Rescaling.restoredState(MAX_PARALLELISM, parallelism, subtask, windowStates));
    }

    private static StaggerPipelineHarness fastPath(
            long allowedLateness, Snapshot restoreFrom, int parallelism, int subtask)
            throws Exception {
        return new StaggerPipelineHarness(
                Path.INCREMENTAL,
                SIZE,
                allowedLateness,
                restoreFrom,
                MAX_PARALLELISM,
                parallelism,
                subtask);
    }
}
