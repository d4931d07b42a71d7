package dev.flinkkda.windows.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LateRule#isLate} and {@link LateRule#isLateOnArrival}, values worked out by hand. */
class LateRuleTest {

    /**
     * The class javadoc's timeline: windows of 10 ms, watermark 12, no allowed lateness. The
     * element's last window ends at 19 ([10, 20)) or 9 ([0, 10)).
     */
    @Test
    void theJavadocTimeline() {
        assertThat(LateRule.WINDOW_END.isLate(15, 19, 0, 12)).isFalse();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(15, 19, 0, 12)).isFalse();

        assertThat(LateRule.WINDOW_END.isLate(11, 19, 0, 12)).isFalse();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(11, 19, 0, 12)).isTrue();

        assertThat(LateRule.WINDOW_END.isLate(5, 9, 0, 12)).isTrue();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(5, 9, 0, 12)).isTrue();
    }

    /** At the watermark is late (Flink's watermark W says no element at or before W comes). */
    @Test
    void exactlyAtTheWatermarkIsLate() {
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(12, 19, 0, 12)).isTrue();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(13, 19, 0, 12)).isFalse();
        assertThat(LateRule.WINDOW_END.isLate(3, 12, 0, 12)).isTrue();
        assertThat(LateRule.WINDOW_END.isLate(3, 13, 0, 12)).isFalse();
    }

    /** Allowed lateness 5, watermark 12: late when t + 5 <= 12 (eKuiper) or end - 1 + 5 <= 12. */
    @Test
    void allowedLatenessMovesTheLineBack() {
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(7, 9, 5, 12)).isTrue();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(8, 9, 5, 12)).isFalse();
        assertThat(LateRule.WINDOW_END.isLate(2, 7, 5, 12)).isTrue();
        assertThat(LateRule.WINDOW_END.isLate(2, 8, 5, 12)).isFalse();
    }

    /** A timestamp (or window end) plus the lateness past Long.MAX_VALUE is never late. */
    @Test
    void noOverflowNearTheEndOfTime() {
        long nearEnd = Long.MAX_VALUE - 1;
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(nearEnd, nearEnd, 10, 100)).isFalse();
        assertThat(LateRule.WINDOW_END.isLate(0, nearEnd, 10, 100)).isFalse();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLate(0, 0, 10, Long.MIN_VALUE)).isFalse();
    }

    /** Flink's rule leaves lateness to the element's windows: never late on arrival. */
    @Test
    void onArrivalOnlyEKuipersRuleJudges() {
        assertThat(LateRule.WINDOW_END.isLateOnArrival(5, 0, 12)).isFalse();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLateOnArrival(5, 0, 12)).isTrue();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLateOnArrival(5, 7, 11)).isFalse();
        assertThat(LateRule.ELEMENT_TIMESTAMP.isLateOnArrival(5, 7, 12)).isTrue();
    }

    /**
     * eKuiper's own watermark test ({@code TestSingleStreamWatermark}, "disordered tuple", in
     * lf-edge/ekuiper's {@code internal/topo/node/watermark_op_test.go}): lateTolerance 5 ms,
     * arrivals 20 10 30 32 32 28 40; eKuiper drops 10 and keeps 28. eKuiper's watermark is {@code
     * max - 5} and drops {@code t < max - 5}; Flink's bounded out-of-orderness of 5 ms gives {@code
     * W = max - 5 - 1}, so "at or behind W" is the same set.
     */
    @Test
    void eKuipersDisorderedTuplesWithLateTolerance5() {
        long[] arrivals = {20, 10, 30, 32, 32, 28, 40};
        List<Long> late = new ArrayList<>();
        long max = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (long t : arrivals) {
            if (LateRule.ELEMENT_TIMESTAMP.isLateOnArrival(t, 0, watermark)) {
                late.add(t);
            }
            max = Math.max(max, t);
            watermark = max - 5 - 1;
        }
        assertThat(late).containsExactly(10L);
    }
}
