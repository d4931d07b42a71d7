package dev.flinkkda.windows.session;

import dev.flinkkda.windows.session.SessionPipelineHarness.Path;
import dev.flinkkda.windows.testing.WindowResult;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions still open when the input ends — the watermark jumps to {@code Long.MAX_VALUE}, as a
 * bounded source sends at its end — end at {@code min(last + gap, cut)} like any other session, on
 * every path and under both rules, worked out by hand. Element value = its timestamp.
 *
 * <p>Flink's own session windows end at {@code last + gap} at the end of input too (their usual
 * end); eKuiper's window operators forward the end of input without emitting the open window.
 */
class CappedSessionEndOfInputTest {

    private static EventTimeCappedSessionWindows<Object> gap5Max10(MaxDurationRule rule) {
        return EventTimeCappedSessionWindows.withGap(Duration.ofMillis(5))
                .withMaxDuration(Duration.ofMillis(10), rule);
    }

    /**
     * Strict, gap 5, maximum 10; the input ends with both sessions open.
     *
     * <pre>
     *   a:  1  4  7  9 | 12  14        | end of input
     *      [1 ──── 11)  [12 ─ 19)        the cut 11 comes before 9 + 5 = 14;
     *       cut          last + gap      14 + 5 = 19 before the cut 22
     * </pre>
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void strictSessionsOpenAtTheEndEndAtTheirCutOrLastPlusGap(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(path, gap5Max10(MaxDurationRule.STRICT), 0)) {
            h.elements("a", 1, 4, 7, 9, 12, 14);
            h.watermark(9); // [1, 11) would fire at 10
            assertThat(h.results()).isEmpty();
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 1, 11, 4, 1 + 4 + 7 + 9),
                            new WindowResult("a", 12, 19, 2, 12 + 14));
            assertThat(h.timers()).isZero();
        }
    }

    /**
     * eKuiper's checks (0, 10, 20, …), gap 5, maximum 10. The session of 1 is cut at the check 20
     * even though no element after 20 comes: last + gap is 24, the window ends at 20. The session
     * of b (3, 5) ends at 5 + 5 = 10, before its cut 20.
     *
     * <pre>
     *   checks      0 ┆         10 ┆         20 ┆
     *   a:   1  4  7  10  13  16  19      | end of input
     *       [1 ───────────────────── 20)     cut (19 + 5 = 24 lies past it)
     *   b:     3 5
     *         [3 ── 10)                      last + gap
     * </pre>
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void alignedSessionsOpenAtTheEndEndAtTheirCutOrLastPlusGap(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(path, gap5Max10(MaxDurationRule.ALIGNED_CHECKS), 0)) {
            h.elements("a", 1, 4, 7, 10, 13, 16, 19);
            h.elements("b", 3, 5);
            h.watermark(8); // [3, 10) would fire at 9
            assertThat(h.results()).isEmpty();
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            new WindowResult("a", 1, 20, 7, 1 + 4 + 7 + 10 + 13 + 16 + 19),
                            new WindowResult("b", 3, 10, 2, 3 + 5));
            assertThat(h.timers()).isZero();
        }
    }

    /**
     * Out of order, no watermark before the end: the ordering paths hold every element and sort
     * them when the input ends. Sorted 1 4 7 9 12, gap 5, maximum 10: strict cuts the session of 1
     * at 11, so 12 opens the next one; the aligned cut is 20, so 12 (within 9 + 5) joins.
     */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void heldElementsAreSortedIntoSessionsAtTheEnd(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(path, gap5Max10(MaxDurationRule.STRICT), 0)) {
            h.elements("a", 9, 4, 12, 1, 7);
            assertThat(h.results()).isEmpty();
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 1, 11, 4, 1 + 4 + 7 + 9),
                            new WindowResult("a", 12, 17, 1, 12));
            assertThat(h.timers()).isZero();
        }
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(path, gap5Max10(MaxDurationRule.ALIGNED_CHECKS), 0)) {
            h.elements("a", 9, 4, 12, 1, 7);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(new WindowResult("a", 1, 17, 5, 1 + 4 + 7 + 9 + 12));
            assertThat(h.timers()).isZero();
        }
    }

    /**
     * Elements held until the end that lie exactly one gap after the last element join the session,
     * as they would before a watermark: arrivals 10 5 0, gap 5, maximum 10. Strict cut 10: 5 joins
     * the session of 0, 10 (at the cut) opens the next one. Aligned cut 20: 5 and 10 both join, and
     * the session ends at 10 + 5.
     */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void heldElementsExactlyOneGapLaterJoinAtTheEnd(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(path, gap5Max10(MaxDurationRule.STRICT), 0)) {
            h.elements("a", 10, 5, 0);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 10, 2, 5),
                            new WindowResult("a", 10, 15, 1, 10));
        }
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(path, gap5Max10(MaxDurationRule.ALIGNED_CHECKS), 0)) {
            h.elements("a", 10, 5, 0);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).containsExactly(new WindowResult("a", 0, 15, 3, 15));
        }
    }

    /**
     * A session open at the end with an element joining it while later ones are held: strict, gap
     * 5, maximum 10. 1 opens [1, 6); 4 joins; 12 lies beyond the cut 11 and is held; 9 joins the
     * open session (9 &lt;= 4 + 5), whose end becomes min(14, 11). The end flushes [1, 11) and then
     * the session of 12.
     */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void openSessionAndHeldElementsAtTheEnd(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(path, gap5Max10(MaxDurationRule.STRICT), 0)) {
            h.element("a", 1, 1);
            h.watermark(1); // the session of 1 is open
            h.elements("a", 4, 12, 9);
            assertThat(h.results()).isEmpty();
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 1, 11, 3, 1 + 4 + 9),
                            new WindowResult("a", 12, 17, 1, 12));
            assertThat(h.timers()).isZero();
        }
    }

    /**
     * With allowed lateness, sessions fired before the end are kept for late elements; the end of
     * input fires the open session and then drops everything kept: no timer is left. Strict, gap 5,
     * maximum 10, lateness 100: [1, 11) fires at watermark 10 and is kept; 20 opens the session
     * flushed at the end.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void keptSessionsAreDroppedAtTheEnd(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(path, gap5Max10(MaxDurationRule.STRICT), 100)) {
            h.elements("a", 1, 4, 7, 9, 20);
            h.watermark(10);
            assertThat(h.results()).containsExactly(new WindowResult("a", 1, 11, 4, 21));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 1, 11, 4, 21),
                            new WindowResult("a", 20, 25, 1, 20));
            assertThat(h.timers()).isZero();
        }
    }
}
