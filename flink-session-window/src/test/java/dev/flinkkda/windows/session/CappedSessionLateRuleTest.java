package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.session.SessionPipelineHarness.Path;
import dev.flinkkda.windows.testing.Timeline;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path's late rules, {@link LateRule#WINDOW_END} (Flink's, the default) and {@link
 * LateRule#ELEMENT_TIMESTAMP} (eKuiper's), on timelines worked out by hand. Gap 10, no maximum
 * duration; values are the timestamps.
 */
class CappedSessionLateRuleTest {

    /**
     * eKuiper's own watermark test ({@code TestSingleStreamWatermark}, "disordered tuple", in
     * lf-edge/ekuiper's {@code internal/topo/node/watermark_op_test.go}): lateTolerance 5 ms,
     * arrivals 20 10 30 32 32 28 40; eKuiper drops 10 and keeps 28. The watermark follows each
     * element as Flink's bounded out-of-orderness of 5 ms: {@code max - 6}.
     *
     * <pre>
     *   arrives  20  10  30  32  32  28  40  | end
     *   W after  14  14  24  26  26  26  34
     *   WINDOW_END:        10 (at W = 14) opens [10, 20), which 20 exactly at its end joins:
     *                      one session [10, 50) of all seven
     *   ELEMENT_TIMESTAMP: 10 is late; [20, 50) of the other six
     * </pre>
     */
    @Test
    void eKuipersDisorderedTuples() throws Exception {
        long[] arrivals = {20, 10, 30, 32, 32, 28, 40};
        try (SessionPipelineHarness h = harness(0, LateRule.WINDOW_END)) {
            Timeline.withBoundedOutOfOrderness(h, "k", 5, arrivals);
            assertThat(h.results()).containsExactly(new WindowResult("k", 10, 50, 7, 192));
            assertThat(h.late()).isEmpty();
        }
        try (SessionPipelineHarness h = harness(0, LateRule.ELEMENT_TIMESTAMP)) {
            Timeline.withBoundedOutOfOrderness(h, "k", 5, arrivals);
            assertThat(h.results()).containsExactly(new WindowResult("k", 20, 50, 6, 182));
            assertThat(h.late()).containsExactly(Tuple3.of("k", 10L, 10L));
        }
    }

    /**
     * Session [0, 20) (elements 0 and 10) open at watermark 15: 12 joins it under Flink's rule and
     * is late under eKuiper's; 18 joins under both, to [0, 28).
     */
    @Test
    void anElementBehindTheWatermarkThatTheOpenSessionTakes() throws Exception {
        try (SessionPipelineHarness h = harness(0, LateRule.WINDOW_END)) {
            Timeline.feed(h, "k", 0, 10, -15, 12, 18);
            assertThat(h.results()).containsExactly(new WindowResult("k", 0, 28, 4, 40));
            assertThat(h.late()).isEmpty();
        }
        try (SessionPipelineHarness h = harness(0, LateRule.ELEMENT_TIMESTAMP)) {
            Timeline.feed(h, "k", 0, 10, -15, 12, 18);
            assertThat(h.results()).containsExactly(new WindowResult("k", 0, 28, 3, 28));
            assertThat(h.late()).containsExactly(Tuple3.of("k", 12L, 12L));
        }
    }

    /**
     * Allowed lateness 30: [0, 15) (elements 0, 5) fires at watermark 20 and is kept. 12 joins it
     * under both rules (12 + 30 > 20), extending it to [0, 22), which fires again; at watermark 35,
     * 4 joins it under Flink's rule only (4 + 30 ≤ 35).
     */
    @Test
    void aKeptSessionTakesOnlyElementsWithinTheLatenessOfTheWatermark() throws Exception {
        WindowResult fired = new WindowResult("k", 0, 15, 2, 5);
        WindowResult extended = new WindowResult("k", 0, 22, 3, 17);
        try (SessionPipelineHarness h = harness(30, LateRule.WINDOW_END)) {
            Timeline.feed(h, "k", 0, 5, -20, 12, -35, 4);
            assertThat(h.results())
                    .containsExactly(fired, extended, new WindowResult("k", 0, 22, 4, 21));
            assertThat(h.late()).isEmpty();
        }
        try (SessionPipelineHarness h = harness(30, LateRule.ELEMENT_TIMESTAMP)) {
            Timeline.feed(h, "k", 0, 5, -20, 12, -35, 4);
            assertThat(h.results()).containsExactly(fired, extended);
            assertThat(h.late()).containsExactly(Tuple3.of("k", 4L, 4L));
        }
    }

    /**
     * Allowed lateness 100: [0, 10) and [15, 25) fire at watermark 30 and are kept. 10 joins the
     * first (exactly at its end), extending it to [0, 20) over the start of the second; 17, which
     * both now take, joins the one that started last, [15, 25) → [15, 27).
     */
    @Test
    void anElementTwoKeptSessionsTakeJoinsTheOneThatStartedLast() throws Exception {
        try (SessionPipelineHarness h = harness(100, LateRule.WINDOW_END)) {
            Timeline.feed(h, "k", 0, 15, -30, 10, 17);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("k", 0, 10, 1, 0),
                            new WindowResult("k", 15, 25, 1, 15),
                            new WindowResult("k", 0, 20, 2, 10),
                            new WindowResult("k", 15, 27, 2, 32));
        }
    }

    /** Without {@code lateRule(…)} the fast path has Flink's rule. */
    @Test
    void flinksRuleIsTheDefault() throws Exception {
        try (SessionPipelineHarness h = harness(0, null)) {
            Timeline.feed(h, "k", 0, 10, -15, 12, 18);
            assertThat(h.results()).containsExactly(new WindowResult("k", 0, 28, 4, 40));
            assertThat(h.late()).isEmpty();
        }
    }

    private static SessionPipelineHarness harness(long allowedLateness, LateRule rule)
            throws Exception {
        return new SessionPipelineHarness(
                Path.INCREMENTAL,
                EventTimeCappedSessionWindows.withGap(Duration.ofMillis(10)),
                allowedLateness,
                rule,
                null);
    }
}
