package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * eKuiper's late rule on the hopping fast path ({@link LateRule#ELEMENT_TIMESTAMP}): an element
 * with {@code t + allowedLateness <= watermark} on arrival is late even if a window of it has not
 * fired; against Flink's rule ({@link LateRule#WINDOW_END}, the default). eKuiper's {@code
 * HOPPINGWINDOW(ss, 10, 5)}: {@code .alignedToEnds()}, windows {@code [5k - 10, 5k)}. One key, a
 * timeline worked by hand:
 *
 * <pre>
 * time        0    1    2    3    4    5    6    7    8    9    10
 * windows  [-5, 5)=========)
 *          [0, 10)=================================================)
 *                                   [5, 15)==========================…
 * arrivals    e1@1 (1), e2@6 (2), watermark 7, e3@5 (4), e4@8 (8), watermark 9, e5@9 (16)
 *
 *   watermark 7 fires [-5, 5): e1
 *   e3@5: 5 <= 7, behind the watermark; its windows [0, 10) and [5, 15) have not fired
 *   e4@8: 8 > 7, on time under both rules
 *   watermark 9 fires [0, 10)
 *   e5@9: 9 <= 9; [0, 10) has fired, [5, 15) has not
 * </pre>
 */
class HoppingLateRuleTest {

    private static final EventTimeHoppingWindows WINDOWS =
            EventTimeHoppingWindows.of(Duration.ofMillis(10), Duration.ofMillis(5)).alignedToEnds();

    private static final Tuple3<String, Long, Long> E3 = Tuple3.of("a", 5L, 4L);
    private static final Tuple3<String, Long, Long> E5 = Tuple3.of("a", 9L, 16L);

    private static HoppingPipelineHarness run(LateRule rule, long allowedLateness)
            throws Exception {
        HoppingPipelineHarness h = new HoppingPipelineHarness(WINDOWS, allowedLateness, rule, null);
        h.element("a", 1, 1);
        h.element("a", 6, 2);
        h.watermark(7);
        h.element(E3.f0, E3.f1, E3.f2);
        h.element("a", 8, 8);
        h.watermark(9);
        h.element(E5.f0, E5.f1, E5.f2);
        h.watermark(Long.MAX_VALUE);
        return h;
    }

    /** Flink's rule: e3 and e5 join the windows that have not fired; nothing is late. */
    @Test
    void windowEndRuleTakesElementsBehindTheWatermarkIntoOpenWindows() throws Exception {
        try (HoppingPipelineHarness h = run(LateRule.WINDOW_END, 0)) {
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", -5, 5, 1, 1), // e1
                            new WindowResult("a", 0, 10, 4, 15), // e1 e2 e3 e4
                            new WindowResult("a", 5, 15, 4, 30)); // e2 e3 e4 e5
            assertThat(h.late()).isEmpty();
        }
    }

    /** The default is Flink's rule. */
    @Test
    void windowEndIsTheDefault() throws Exception {
        try (HoppingPipelineHarness h = run(null, 0)) {
            assertThat(h.results()).extracting(r -> r.sum).containsExactly(1L, 15L, 30L);
            assertThat(h.late()).isEmpty();
        }
    }

    /** eKuiper's rule: e3 (5 <= 7) and e5 (9 <= 9) are late, though [5, 15) is still open. */
    @Test
    void elementTimestampRuleSendsElementsBehindTheWatermarkAside() throws Exception {
        try (HoppingPipelineHarness h = run(LateRule.ELEMENT_TIMESTAMP, 0)) {
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", -5, 5, 1, 1), // e1
                            new WindowResult("a", 0, 10, 3, 11), // e1 e2 e4
                            new WindowResult("a", 5, 15, 2, 10)); // e2 e4
            assertThat(h.late()).containsExactly(E3, E5);
        }
    }

    /**
     * eKuiper's rule with allowed lateness 2: e3 is late (5 + 2 <= 7), e5 is not (9 + 2 > 9); it
     * fires [0, 10) again at once (fired at 9, kept to 11) and joins [5, 15).
     */
    @Test
    void elementTimestampRuleWithAllowedLateness() throws Exception {
        try (HoppingPipelineHarness h = run(LateRule.ELEMENT_TIMESTAMP, 2)) {
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", -5, 5, 1, 1), // e1
                            new WindowResult("a", 0, 10, 3, 11), // e1 e2 e4, at watermark 9
                            new WindowResult("a", 0, 10, 4, 27), // again with e5
                            new WindowResult("a", 5, 15, 3, 26)); // e2 e4 e5
            assertThat(h.late()).containsExactly(E3);
        }
    }

    /**
     * Hop = size (one slice per window, another operator): tumbling [0, 10) [10, 20), elements 3
     * and 12, watermark 11, then 10 (10 <= 11: late under eKuiper's rule, though [10, 20) is open)
     * and 15.
     */
    @Test
    void elementTimestampRuleOnTumblingWindows() throws Exception {
        EventTimeHoppingWindows tumbling =
                EventTimeHoppingWindows.of(Duration.ofMillis(10), Duration.ofMillis(10));
        for (LateRule rule : LateRule.values()) {
            try (HoppingPipelineHarness h = new HoppingPipelineHarness(tumbling, 0, rule, null)) {
                h.element("a", 3, 1);
                h.element("a", 12, 2);
                h.watermark(11);
                h.element("a", 10, 4);
                h.element("a", 15, 8);
                h.watermark(Long.MAX_VALUE);
                if (rule == LateRule.WINDOW_END) {
                    assertThat(h.results())
                            .containsExactly(
                                    new WindowResult("a", 0, 10, 1, 1),
                                    new WindowResult("a", 10, 20, 3, 14));
                    assertThat(h.late()).isEmpty();
                } else {
                    assertThat(h.results())
                            .containsExactly(
                                    new WindowResult("a", 0, 10, 1, 1),
                                    new WindowResult("a", 10, 20, 2, 10));
                    assertThat(h.late()).containsExactly(Tuple3.of("a", 10L, 4L));
                }
            }
        }
    }
}
