package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.testing.Timeline;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path's late rules, {@link LateRule#WINDOW_END} (Flink's, the default) and {@link
 * LateRule#ELEMENT_TIMESTAMP} (eKuiper's), on timelines worked out by hand. Values are the
 * timestamps unless said otherwise.
 */
class StaggerLateRuleTest {

    /**
     * eKuiper's own watermark test ({@code TestSingleStreamWatermark}, "disordered tuple", in
     * lf-edge/ekuiper's {@code internal/topo/node/watermark_op_test.go}): lateTolerance 5 ms,
     * arrivals 20 10 30 32 32 28 40; eKuiper drops 10 and keeps 28. Here the watermark follows each
     * element as Flink's bounded out-of-orderness of 5 ms: {@code max - 6}. Size 10.
     *
     * <pre>
     *   arrives  20  10  30  32  32  28  40  | end
     *   W after  14  14  24  26  26  26  34
     *   10 at W = 14: WINDOW_END opens [10, 20) (ends after 14); ELEMENT_TIMESTAMP: late
     *   28 at W = 26: joins [20, 30) under both
     * </pre>
     */
    @Test
    void eKuipersDisorderedTuples() throws Exception {
        long[] arrivals = {20, 10, 30, 32, 32, 28, 40};
        WindowResult w20 = new WindowResult("k", 20, 30, 2, 20 + 28);
        WindowResult w30 = new WindowResult("k", 30, 40, 3, 30 + 32 + 32);
        WindowResult w40 = new WindowResult("k", 40, 50, 1, 40);
        try (StaggerPipelineHarness h = harness(10, 0, LateRule.WINDOW_END)) {
            Timeline.withBoundedOutOfOrderness(h, "k", 5, arrivals);
            assertThat(h.results())
                    .containsExactly(new WindowResult("k", 10, 20, 1, 10), w20, w30, w40);
            assertThat(h.late()).isEmpty();
        }
        try (StaggerPipelineHarness h = harness(10, 0, LateRule.ELEMENT_TIMESTAMP)) {
            Timeline.withBoundedOutOfOrderness(h, "k", 5, arrivals);
            assertThat(h.results()).containsExactly(w20, w30, w40);
            assertThat(h.late()).containsExactly(Tuple3.of("k", 10L, 10L));
        }
    }

    /**
     * Size 100, [0, 100) open at watermark 50: 40 joins it under Flink's rule and is late under
     * eKuiper's; 70 joins under both.
     */
    @Test
    void anElementBehindTheWatermarkInsideTheOpenWindow() throws Exception {
        try (StaggerPipelineHarness h = harness(100, 0, LateRule.WINDOW_END)) {
            Timeline.feed(h, "k", 0, -50, 40, 70);
            assertThat(h.results()).containsExactly(new WindowResult("k", 0, 100, 3, 110));
            assertThat(h.late()).isEmpty();
        }
        try (StaggerPipelineHarness h = harness(100, 0, LateRule.ELEMENT_TIMESTAMP)) {
            Timeline.feed(h, "k", 0, -50, 40, 70);
            assertThat(h.results()).containsExactly(new WindowResult("k", 0, 100, 2, 70));
            assertThat(h.late()).containsExactly(Tuple3.of("k", 40L, 40L));
        }
    }

    /**
     * Allowed lateness 20 moves eKuiper's line back to {@code t + 20 <= W}: at watermark 50, 40 (60
     * > 50) joins the open window, 25 (45 ≤ 50) is late.
     */
    @Test
    void allowedLatenessMovesEKuipersLine() throws Exception {
        try (StaggerPipelineHarness h = harness(100, 20, LateRule.ELEMENT_TIMESTAMP)) {
            Timeline.feed(h, "k", 0, -50, 25, 40);
            assertThat(h.results()).containsExactly(new WindowResult("k", 0, 100, 2, 40));
            assertThat(h.late()).containsExactly(Tuple3.of("k", 25L, 25L));
        }
        try (StaggerPipelineHarness h = harness(100, 20, LateRule.WINDOW_END)) {
            Timeline.feed(h, "k", 0, -50, 25, 40);
            assertThat(h.results()).containsExactly(new WindowResult("k", 0, 100, 3, 65));
        }
    }

    /**
     * Size 100, allowed lateness 50: [0, 100) fires at watermark 120 and is kept to 149. Then 80
     * joins it and it fires again under both rules (80 + 50 > 120); 60 joins it under Flink's rule
     * only (60 + 50 ≤ 120).
     */
    @Test
    void aKeptWindowTakesOnlyElementsWithinTheLatenessOfTheWatermark() throws Exception {
        WindowResult fired = new WindowResult("k", 0, 100, 2, 10);
        WindowResult lateFiring = new WindowResult("k", 0, 100, 3, 90);
        try (StaggerPipelineHarness h = harness(100, 50, LateRule.WINDOW_END)) {
            Timeline.feed(h, "k", 0, 10, -120, 80, 60);
            assertThat(h.results())
                    .containsExactly(fired, lateFiring, new WindowResult("k", 0, 100, 4, 150));
        }
        try (StaggerPipelineHarness h = harness(100, 50, LateRule.ELEMENT_TIMESTAMP)) {
            Timeline.feed(h, "k", 0, 10, -120, 80, 60);
            assertThat(h.results()).containsExactly(fired, lateFiring);
            assertThat(h.late()).containsExactly(Tuple3.of("k", 60L, 60L));
        }
    }

    /** Without {@code lateRule(…)} the fast path has Flink's rule. */
    @Test
    void flinksRuleIsTheDefault() throws Exception {
        try (StaggerPipelineHarness h = harness(100, 0, null)) {
            Timeline.feed(h, "k", 0, -50, 40, 70);
            assertThat(h.results()).containsExactly(new WindowResult("k", 0, 100, 3, 110));
            assertThat(h.late()).isEmpty();
        }
    }

    private static StaggerPipelineHarness harness(long size, long allowedLateness, LateRule rule)
            throws Exception {
        return new StaggerPipelineHarness(size, allowedLateness, rule, null);
    }
}
