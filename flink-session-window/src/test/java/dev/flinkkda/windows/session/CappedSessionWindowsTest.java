package dev.flinkkda.windows.session;

import dev.flinkkda.windows.session.SessionPipelineHarness.Path;
import dev.flinkkda.windows.session.SessionPipelineHarness.Snapshot;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Worked examples, computed by hand, on every path. Element value = its timestamp. */
class CappedSessionWindowsTest {

    private static EventTimeCappedSessionWindows<Object> gap(long gap) {
        return EventTimeCappedSessionWindows.withGap(Duration.ofMillis(gap));
    }

    /**
     * The seed's description: maximum 10, so eKuiper checks at t = 0, 10, 20, 30. Gap 5, elements 1
     * 4 8 12 15 19 23 26. Aligned: the session of 1 is cut at the first check T with T - 10 > 1,
     * i.e. 20. Strict: cut at start + 10.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void seedDescriptionAlignedChecksEveryTen(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path,
                        gap(5).withMaxDuration(
                                        Duration.ofMillis(10), MaxDurationRule.ALIGNED_CHECKS),
                        0)) {
            h.elements("a", 1, 4, 8, 12, 15, 19, 23, 26);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 1, 20, 6, 1 + 4 + 8 + 12 + 15 + 19),
                            new WindowResult("a", 23, 31, 2, 23 + 26));
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void seedDescriptionStrict(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(5).withMaxDuration(Duration.ofMillis(10)), 0)) {
            h.elements("a", 1, 4, 8, 12, 15, 19, 23, 26);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 1, 11, 3, 1 + 4 + 8),
                            new WindowResult("a", 12, 22, 3, 12 + 15 + 19),
                            new WindowResult("a", 23, 31, 2, 23 + 26));
        }
    }

    /**
     * A session that starts exactly on a check (10) is not cut at the next check (20: 20 - 10 is
     * not more than 10) but at 30, and the element exactly at 30 opens the next session.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void sessionStartedExactlyOnACheck(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path,
                        gap(4).withMaxDuration(
                                        Duration.ofMillis(10), MaxDurationRule.ALIGNED_CHECKS),
                        0)) {
            h.elements("a", 10, 13, 16, 19, 22, 25, 28, 30);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 10, 30, 7, 10 + 13 + 16 + 19 + 22 + 25 + 28),
                            new WindowResult("a", 30, 34, 1, 30));
        }
    }

    /** The same input as above under the strict rule: cuts at 20 and 32. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void sameInputStrictRule(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(4).withMaxDuration(Duration.ofMillis(10)), 0)) {
            h.elements("a", 10, 13, 16, 19, 22, 25, 28, 30);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 10, 20, 4, 10 + 13 + 16 + 19),
                            new WindowResult("a", 22, 32, 4, 22 + 25 + 28 + 30));
        }
    }

    /** A gap exactly equal to the session gap keeps the session open; one more closes it. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void gapExactlyEqualKeepsTheSessionOpen(Path path) throws Exception {
        try (SessionPipelineHarness h = new SessionPipelineHarness(path, gap(5), 0)) {
            h.element("a", 0, 0);
            h.watermark(3); // the session [0, 5) fires at 4: not yet
            h.element("a", 5, 5);
            h.watermark(8);
            h.element("a", 11, 11);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 10, 2, 5),
                            new WindowResult("a", 11, 16, 1, 11));
        }
    }

    /**
     * With a maximum duration: an element exactly at the end that arrives after the session fired
     * opens a new one; one held before the session opened joins it (emitted at end - 1).
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void elementExactlyAtTheEndWithAMaximum(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(5).withMaxDuration(Duration.ofMillis(20)), 0)) {
            h.elements("a", 0, 3);
            h.watermark(7); // [0, 8) fires at 7
            h.element("a", 8, 8);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 8, 2, 3), new WindowResult("a", 8, 13, 1, 8));
        }
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(5).withMaxDuration(Duration.ofMillis(20)), 0)) {
            h.element("a", 0, 0);
            h.element("a", 5, 5); // before the session of 0 opened
            h.watermark(3);
            h.watermark(4);
            h.watermark(9); // [0, 10) fires at 9
            h.element("a", 10, 10);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 10, 2, 5),
                            new WindowResult("a", 10, 15, 1, 10));
        }
    }

    /**
     * The ordering step keeps one timer per open session. With a maximum duration and nothing held
     * it is at cut - 1, where the session's bounds are cleared; without one it moves with the end.
     */
    @Test
    void orderingStepKeepsOneTimerPerSession() throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        Path.ORDERED_WINDOW, gap(5).withMaxDuration(Duration.ofMillis(20)), 0)) {
            h.element("a", 0, 0); // held until the watermark passes it
            h.watermark(0); // opens [0, 5), timer at cut - 1 = 19
            for (long t = 2; t <= 12; t += 2) {
                h.element("a", t, t);
            }
            assertThat(h.orderingTimers()).isEqualTo(1);
            h.watermark(16); // [0, 17) fires at 16
            assertThat(h.results()).containsExactly(new WindowResult("a", 0, 17, 7, 42));
            h.element("a", 17, 17); // exactly at the end, after the firing: a new session
            h.watermark(18);
            h.watermark(19); // the first session's timer
            assertThat(h.orderingStateEntries()).isEqualTo(1); // the new session [17, 22)
            h.watermark(36); // its timer at cut - 1 = 36
            assertThat(h.orderingStateEntries()).isZero();
            assertThat(h.orderingTimers()).isZero();
            assertThat(h.results()).endsWith(new WindowResult("a", 17, 22, 1, 17));
        }
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(Path.ORDERED_WINDOW, gap(5), 0)) {
            h.element("a", 0, 0);
            h.watermark(0);
            for (long t = 2; t <= 12; t += 2) {
                h.element("a", t, t);
            }
            assertThat(h.orderingTimers()).isEqualTo(1);
            h.watermark(16);
            assertThat(h.orderingStateEntries()).isZero();
            assertThat(h.orderingTimers()).isZero();
        }
    }

    /** The element at exactly start + maxDuration opens the next session (strict). */
    @ParameterizedTest
    @EnumSource(Path.class)
    void elementExactlyAtTheStrictCutOpensTheNextSession(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(10).withMaxDuration(Duration.ofMillis(10)), 0)) {
            h.elements("a", 0, 9, 10, 19, 20);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 10, 2, 9),
                            new WindowResult("a", 10, 20, 2, 29),
                            new WindowResult("a", 20, 30, 1, 20));
        }
    }

    /** An out-of-order element fills the gap between two sessions, which become one. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void bridgingElementMergesTwoSessions(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(3).withMaxDuration(Duration.ofMillis(20)), 0)) {
            h.element("a", 0, 0);
            h.element("a", 2, 2);
            h.element("a", 8, 8);
            h.element("a", 9, 9);
            h.element("a", 5, 5); // 5 - 2 = 3 and 8 - 5 = 3: one session
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).containsExactly(new WindowResult("a", 0, 12, 5, 24));
        }
    }

    /**
     * A bridging element whose merge would outlast the maximum: in timestamp order the session of 0
     * is cut at 10 and 11 opens the next one. The ordering paths give exactly that; the assigner
     * alone cannot split the session [8, 14) it already has, so it merges only what stays within
     * the cut.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void bridgingElementNeverMakesASessionLongerThanTheMaximum(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(3).withMaxDuration(Duration.ofMillis(10)), 0)) {
            h.element("a", 0, 0);
            h.element("a", 2, 2);
            h.element("a", 8, 8);
            h.element("a", 9, 9);
            h.element("a", 11, 11);
            h.element("a", 5, 5);
            h.watermark(Long.MAX_VALUE);
            if (path == Path.ASSIGNER) {
                assertThat(h.results())
                        .containsExactlyInAnyOrder(
                                new WindowResult("a", 0, 8, 3, 7),
                                new WindowResult("a", 8, 14, 3, 28));
            } else {
                assertThat(h.results())
                        .containsExactly(
                                new WindowResult("a", 0, 10, 5, 24),
                                new WindowResult("a", 11, 14, 1, 11));
            }
            for (WindowResult session : h.results()) {
                assertThat(session.end - session.start).isLessThanOrEqualTo(10);
            }
        }
    }

    /**
     * Out of order within the watermark bound: an early element moves the strict cut. Sorted, the
     * elements are 3 5 9 12 14: the session of 3 is cut at 13, so 14 opens the next one.
     */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void earlierElementMovesTheCut(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(5).withMaxDuration(Duration.ofMillis(10)), 0)) {
            h.element("a", 5, 5);
            h.element("a", 9, 9);
            h.element("a", 14, 14);
            h.element("a", 3, 3); // ahead of the watermark, which has not moved
            h.element("a", 12, 12);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 3, 13, 4, 3 + 5 + 9 + 12),
                            new WindowResult("a", 14, 19, 1, 14));
        }
    }

    /** Two keys interleaved keep separate sessions and cuts. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void keysAreIndependent(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(5).withMaxDuration(Duration.ofMillis(10)), 0)) {
            h.element("a", 0, 0);
            h.element("b", 4, 4);
            h.element("a", 4, 4);
            h.element("b", 8, 8);
            h.element("a", 11, 11);
            h.element("b", 13, 13);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            new WindowResult("a", 0, 9, 2, 4),
                            new WindowResult("a", 11, 16, 1, 11),
                            // 13 - 8 = 5 is the gap exactly, and 13 is before the cut at 14
                            new WindowResult("b", 4, 14, 3, 25));
        }
    }

    /** Per-element gaps: the session stays open until the furthest t + gap(t). */
    @ParameterizedTest
    @EnumSource(Path.class)
    void dynamicGaps(Path path) throws Exception {
        EventTimeCappedSessionWindows<Tuple3<String, Long, Long>> sessions =
                EventTimeCappedSessionWindows.withDynamicGap(
                        new SessionTestFunctions.GapFromValue());
        // value = gap: (0, gap 2) (2, gap 10) (11, gap 1) (13, gap 1)
        try (SessionPipelineHarness h = new SessionPipelineHarness(path, sessions, 0)) {
            h.element("a", 0, 2);
            h.element("a", 2, 10);
            h.element("a", 11, 1);
            h.element("a", 13, 1);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 12, 3, 13),
                            new WindowResult("a", 13, 14, 1, 1));
        }
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, sessions.withMaxDuration(Duration.ofMillis(10)), 0)) {
            h.element("a", 0, 2);
            h.element("a", 2, 10);
            h.element("a", 11, 1);
            h.element("a", 13, 1);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 10, 2, 12),
                            new WindowResult("a", 11, 12, 1, 1),
                            new WindowResult("a", 13, 14, 1, 1));
        }
    }

    /** A gap larger than the maximum: a lone element's window is cut too. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void gapLargerThanTheMaximum(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(100).withMaxDuration(Duration.ofMillis(10)), 0)) {
            h.elements("a", 0, 50, 55, 200);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 10, 1, 0),
                            new WindowResult("a", 50, 60, 2, 105),
                            new WindowResult("a", 200, 210, 1, 200));
        }
    }

    /** Late elements: within the allowed lateness they update the fired session, else go aside. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void lateElements(Path path) throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(5).withMaxDuration(Duration.ofMillis(10)), 5)) {
            h.elements("a", 0, 3);
            h.watermark(20); // [0, 8) fired at 7; kept until 7 + 5 = 12 — already passed
            h.element("a", 4, 4);
            assertThat(h.late()).containsExactly(Tuple3.of("a", 4L, 4L));
        }
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        path, gap(5).withMaxDuration(Duration.ofMillis(10)), 5)) {
            h.elements("a", 0, 3);
            h.watermark(9); // fired at 7, kept until 12
            h.element("a", 4, 4);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.late()).isEmpty();
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("a", 0, 8, 2, 3), new WindowResult("a", 0, 9, 3, 7));
        }
    }

    /** A snapshot mid-session, with held out-of-order elements, restores to the same result. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void restoresMidSession(Path path) throws Exception {
        EventTimeCappedSessionWindows<Object> sessions =
                gap(5).withMaxDuration(Duration.ofMillis(10), MaxDurationRule.ALIGNED_CHECKS);
        Snapshot snapshot;
        try (SessionPipelineHarness h = new SessionPipelineHarness(path, sessions, 0)) {
            h.element("a", 1, 1);
            h.element("a", 4, 4);
            h.element("b", 7, 7);
            h.watermark(2);
            h.element("a", 8, 8);
            h.element("a", 12, 12);
            snapshot = h.snapshot(1);
            h.element("a", 99, 99); // lost with the failed run, replayed below
        }
        try (SessionPipelineHarness h = new SessionPipelineHarness(path, sessions, 0, snapshot)) {
            h.element("a", 99, 99);
            h.element("a", 15, 15);
            h.element("b", 10, 10);
            h.element("a", 19, 19);
            h.element("a", 21, 21);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            new WindowResult("a", 1, 20, 6, 1 + 4 + 8 + 12 + 15 + 19),
                            new WindowResult("a", 21, 26, 1, 21),
                            new WindowResult("a", 99, 104, 1, 99),
                            new WindowResult("b", 7, 15, 2, 17));
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> EventTimeCappedSessionWindows.withGap(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session gap must be positive");
        assertThatThrownBy(() -> EventTimeCappedSessionWindows.withGap(null))
                .hasMessageContaining("session gap must not be null");
        assertThatThrownBy(() -> gap(5).withMaxDuration(Duration.ofMillis(-1)))
                .hasMessageContaining("maximum session duration must be positive");
        assertThatThrownBy(() -> gap(5).withMaxDuration(Duration.ofNanos(10)))
                .hasMessageContaining("at least 1 millisecond");
        assertThatThrownBy(() -> gap(5).withMaxDuration(Duration.ofMillis(5), null))
                .hasMessageContaining("max-duration rule must not be null");
        assertThatThrownBy(() -> EventTimeCappedSessionWindows.withDynamicGap(null))
                .hasMessageContaining("gap extractor must not be null");
    }

    /**
     * Durations finer than Flink's millisecond are rejected, not truncated (1.5 ms would become 1
     * ms); a null keyed stream or session windows are named. Event and processing time alike.
     */
    @Test
    void rejectsSubMillisecondDurationsAndNullArguments() {
        Duration oneAndAHalfMillis = Duration.ofNanos(1_500_000);
        assertThatThrownBy(() -> EventTimeCappedSessionWindows.withGap(oneAndAHalfMillis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "session gap must be a whole number of milliseconds (Flink's time unit),"
                                + " was PT0.0015S");
        assertThatThrownBy(() -> ProcessingTimeCappedSessionWindows.withGap(oneAndAHalfMillis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("session gap must be a whole number of milliseconds");
        assertThatThrownBy(() -> gap(5).withMaxDuration(Duration.ofSeconds(10).plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "maximum session duration must be a whole number of milliseconds (Flink's"
                                + " time unit), was PT10.000000001S");
        assertThatThrownBy(
                        () ->
                                ProcessingTimeCappedSessionWindows.withGap(Duration.ofMillis(5))
                                        .withMaxDuration(
                                                oneAndAHalfMillis, MaxDurationRule.ALIGNED_CHECKS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "maximum session duration must be a whole number of milliseconds");
        assertThatThrownBy(() -> ProcessingTimeCappedSessionWindows.withGap(Duration.ofNanos(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session gap must be at least 1 millisecond, was PT0.000000999S");
        assertThatThrownBy(() -> ProcessingTimeCappedSessionWindows.withGap(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session gap must be positive, was PT-0.005S");
        assertThatThrownBy(() -> gap(5).withMaxDuration(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "maximum session duration is too large for epoch milliseconds");
        assertThatThrownBy(() -> ProcessingTimeCappedSessionWindows.withDynamicGap(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session gap extractor must not be null");
        assertThat(gap(5).withMaxDuration(Duration.ofMillis(1_500)).getMaxDuration())
                .isEqualTo(1_500);

        assertThatThrownBy(() -> gap(5).window(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the keyed stream must not be null");
        assertThatThrownBy(() -> gap(5).incremental(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the keyed stream must not be null");
    }

    @Test
    void rejectsANonPositiveDynamicGap() throws Exception {
        try (SessionPipelineHarness h =
                new SessionPipelineHarness(
                        Path.ASSIGNER,
                        EventTimeCappedSessionWindows.withDynamicGap(
                                new SessionTestFunctions.GapFromValue()),
                        0)) {
            assertThatThrownBy(() -> h.element("a", 3, 0))
                    .hasMessageContaining("session gap must be positive")
                    .hasMessageContaining("returned 0");
        }
    }

    @Test
    void alignedCutsMatchTheChecks() {
        List<long[]> startAndCut =
                List.of(
                        new long[] {0, 20},
                        new long[] {1, 20},
                        new long[] {9, 20},
                        new long[] {10, 30},
                        new long[] {11, 30},
                        new long[] {-1, 10},
                        new long[] {-10, 10},
                        new long[] {-11, 0});
        for (long[] c : startAndCut) {
            assertThat(MaxDurationRule.ALIGNED_CHECKS.cut(c[0], 10))
                    .as("cut of a session started at %d", c[0])
                    .isEqualTo(c[1]);
        }
        assertThat(MaxDurationRule.STRICT.cut(7, 10)).isEqualTo(17);
        assertThat(MaxDurationRule.STRICT.cut(Long.MAX_VALUE - 3, 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(MaxDurationRule.ALIGNED_CHECKS.cut(Long.MAX_VALUE - 3, 10))
                .isEqualTo(Long.MAX_VALUE);
    }
}
