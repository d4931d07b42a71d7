package dev.flinkkda.windows.session;

import dev.flinkkda.windows.session.SessionPipelineHarness.Path;
import dev.flinkkda.windows.session.SessionPipelineHarness.Snapshot;
import dev.flinkkda.windows.testing.PipelineOutcome;
import dev.flinkkda.windows.testing.WindowPipeline;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path ({@link EventTimeCappedSessionWindows#incremental}) restored from a checkpoint
 * judges an element that arrives before any new watermark by the watermark its key's state had
 * reached: a run with a failure gives what the same input gave without it (hand-checked below). Gap
 * 5, sessions cut at start + 10; element value = its timestamp.
 */
class CappedSessionLatenessAfterRestoreTest {

    private static final EventTimeCappedSessionWindows<Object> SESSIONS =
            EventTimeCappedSessionWindows.withGap(Duration.ofMillis(5))
                    .withMaxDuration(Duration.ofMillis(10));

    /** Key a's session [0, 8); key b's element at 17. */
    private static void elementsBefore(WindowPipeline h) throws Exception {
        h.element("a", 0, 0);
        h.element("a", 3, 3);
        h.element("b", 17, 17);
    }

    /** 4 would join a's session [0, 8); 18 opens one of its own; 19 joins b's. */
    private static final WindowPipeline.Input AFTER =
            h -> {
                h.element("a", 4, 4);
                h.element("a", 18, 18);
                h.element("b", 19, 19);
                h.watermark(Long.MAX_VALUE);
            };

    /**
     * Without allowed lateness, at watermark 20 a's [0, 8) has fired and is gone: 4 is late (its
     * own session [4, 9) would have fired at 8), not a new session.
     */
    @Test
    void lateElementGoesToTheSideOutputAsWithoutTheFailure() throws Exception {
        WindowPipeline.Input before =
                h -> {
                    elementsBefore(h);
                    h.watermark(20);
                };
        PipelineOutcome withoutFailure = withoutFailure(0, before);
        assertThat(withoutFailure.results())
                .containsExactly(
                        new WindowResult("a", 0, 8, 2, 3),
                        new WindowResult("a", 18, 23, 1, 18),
                        new WindowResult("b", 17, 24, 2, 36));
        assertThat(withoutFailure.late()).containsExactly(Tuple3.of("a", 4L, 4L));
        assertThat(restoredBetween(0, before)).isEqualTo(withoutFailure);
    }

    /**
     * With allowed lateness 5, at watermark 10 a's [0, 8) has fired and is kept to 12: 4 joins it
     * (now [0, 9)), and it fires again at once, not as a session of its own.
     */
    @Test
    void lateElementJoinsItsFiredSessionAsWithoutTheFailure() throws Exception {
        WindowPipeline.Input before =
                h -> {
                    elementsBefore(h);
                    h.watermark(10);
                };
        PipelineOutcome withoutFailure = withoutFailure(5, before);
        assertThat(withoutFailure.results())
                .containsExactly(
                        new WindowResult("a", 0, 8, 2, 3),
                        new WindowResult("a", 0, 9, 3, 7),
                        new WindowResult("a", 18, 23, 1, 18),
                        new WindowResult("b", 17, 24, 2, 36));
        assertThat(withoutFailure.late()).isEmpty();
        assertThat(restoredBetween(5, before)).isEqualTo(withoutFailure);
    }

    private static PipelineOutcome withoutFailure(long allowedLateness, WindowPipeline.Input before)
            throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(Path.INCREMENTAL, SESSIONS, allowedLateness)) {
            return PipelineOutcome.run(h, before, AFTER);
        }
    }

    private static PipelineOutcome restoredBetween(
            long allowedLateness, WindowPipeline.Input before) throws Exception {
        Snapshot snapshot;
        PipelineOutcome beforeFailure;
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(Path.INCREMENTAL, SESSIONS, allowedLateness)) {
            beforeFailure = PipelineOutcome.run(h, before);
            snapshot = h.snapshot(1);
        }
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(Path.INCREMENTAL, SESSIONS, allowedLateness, snapshot)) {
            return beforeFailure.plus(PipelineOutcome.run(h, AFTER));
        }
    }
}
