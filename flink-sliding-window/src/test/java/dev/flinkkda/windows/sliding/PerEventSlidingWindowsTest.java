package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.testing.Rescaling;
import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Per-event sliding windows on worked examples, every expected window computed by hand from the
 * definition: each trigger element at {@code t} fires {@code [t - size, t]} (with a delay, {@code
 * [t - size, t + delay)}) over all elements of its key.
 */
class PerEventSlidingWindowsTest {

    private static final Duration TEN = Duration.ofMillis(10);

    /** Count, sum and values of each window, with the window bounds. */
    private static WindowPipelineHarness harness(
            PerEventSlidingWindows windows,
            FilterFunction<Tuple3<String, Long, Long>> trigger,
            long allowedLateness,
            boolean lateOutput,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        return new WindowPipelineHarness(
                keyed -> countSum(keyed, windows, trigger, allowedLateness, lateOutput),
                restoreFrom);
    }

    private static WindowPipelineHarness harness(PerEventSlidingWindows windows) throws Exception {
        return harness(windows, null, 0, true, null);
    }

    private static SingleOutputStreamOperator<WindowResult> countSum(
            KeyedStream<Tuple3<String, Long, Long>, String> keyed,
            PerEventSlidingWindows windows,
            FilterFunction<Tuple3<String, Long, Long>> trigger,
            long allowedLateness,
            boolean lateOutput) {
        PerEventWindowedStream<Tuple3<String, Long, Long>, String> stream =
                windows.incremental(keyed).allowedLateness(Duration.ofMillis(allowedLateness));
        if (trigger != null) {
            stream.triggeredBy(trigger);
        }
        if (lateOutput) {
            stream.sideOutputLateData(WindowPipelineHarness.LATE);
        }
        return stream.aggregate(
                new WindowTestFunctions.CountSumValues(),
                new WindowTestFunctions.CountSumValuesToResult());
    }

    private static WindowResult window(String key, long start, long end, String values) {
        long count = 0;
        long sum = 0;
        for (String value : values.split(",")) {
            count++;
            sum += Long.parseLong(value);
        }
        WindowResult result = new WindowResult(key, start, end, count, sum);
        result.values = values;
        return result;
    }

    private static List<String> values(List<WindowResult> results) {
        return results.stream().map(r -> r.values).toList();
    }

    @Test
    void eachElementFiresTheWindowReachingSizeBackFromIt() throws Exception {
        // size 10: a=1 at 0, b=2 at 5, c=3 at 15, d=4 at 20, e=5 at 22 (the javadoc's timeline)
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            h.element("k", 0, 1);
            h.element("k", 5, 2);
            h.element("k", 15, 3);
            h.element("k", 20, 4);
            h.element("k", 22, 5);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window("k", -10, 1, "1"),
                            window("k", -5, 6, "1,2"),
                            window("k", 5, 16, "2,3"),
                            window("k", 10, 21, "3,4"),
                            window("k", 12, 23, "3,4,5"));
            assertThat(values(h.results())).containsExactly("1", "1,2", "2,3", "3,4", "3,4,5");
            // each result carries its element's time: the window's end - 1
            assertThat(h.resultTimestamps()).containsExactly(0L, 5L, 15L, 20L, 22L);
        }
    }

    @Test
    void theElementExactlySizeBeforeIsInTheWindowAndOneMillisecondMoreIsNot() throws Exception {
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            h.element("k", 100, 1);
            h.element("k", 110, 2); // [100, 110]: includes 100
            h.element("k", 111, 3); // [101, 111]: not 100
            h.watermark(Long.MAX_VALUE);
            assertThat(values(h.results())).containsExactly("1", "1,2", "2,3");
        }
    }

    @Test
    void aWindowFiresWhenTheWatermarkReachesItsElementNotBefore() throws Exception {
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            h.element("k", 100, 1);
            h.element("k", 104, 2);
            h.watermark(99);
            assertThat(h.results()).isEmpty();
            h.watermark(100);
            assertThat(values(h.results())).containsExactly("1");
            h.watermark(103);
            assertThat(values(h.results())).containsExactly("1");
            h.watermark(104);
            assertThat(values(h.results())).containsExactly("1", "1,2");
        }
    }

    @Test
    void elementsAtTheSameTimeAreInEachOthersWindowsAndEachFiresOne() throws Exception {
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            h.element("k", 3, 1);
            h.element("k", 5, 2);
            h.element("k", 5, 4);
            h.element("k", 5, 8);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window("k", -7, 4, "1"),
                            window("k", -5, 6, "1,2,4,8"),
                            window("k", -5, 6, "1,2,4,8"),
                            window("k", -5, 6, "1,2,4,8"));
        }
    }

    @Test
    void maxLeavesTheWindowWhenItsElementIsOlderThanSize() throws Exception {
        // a non-invertible aggregate: the max must come from the elements still in the window
        try (WindowPipelineHarness h =
                new WindowPipelineHarness(
                        keyed ->
                                EventTimePerEventSlidingWindows.of(TEN)
                                        .incremental(keyed)
                                        .reduce(
                                                (a, b) -> a.f2 >= b.f2 ? a : b,
                                                new WindowTestFunctions.CountSumValuesOfElements()),
                        null)) {
            long[][] elements = {{0, 9}, {5, 1}, {9, 7}, {12, 3}, {16, 2}, {20, 5}, {27, 1}};
            for (long[] e : elements) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(Long.MAX_VALUE);
            // maxima of [t-10, t]: 0:{9} 5:{9,1} 9:{9,1,7} 12:{1,7,3} 16:{7,3,2} 20:{3,2,5}
            // 27:{5,1}
            assertThat(h.results().stream().map(r -> r.sum).toList())
                    .containsExactly(9L, 9L, 9L, 7L, 7L, 5L, 5L);
        }
    }

    @Test
    void aDelayExtendsTheWindowPastItsElementAndFiresLater() throws Exception {
        // size 10, delay 4: the window of 15 is [5, 19): 5, 15 and 18 but not 19 or 20
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN).withDelay(Duration.ofMillis(4)))) {
            h.element("k", 5, 1);
            h.element("k", 15, 2);
            h.element("k", 18, 4);
            h.element("k", 19, 8);
            h.element("k", 20, 16);
            h.watermark(17);
            // the window of 5, [-5, 9), fired at 8
            assertThat(h.results()).containsExactly(window("k", -5, 9, "1"));
            h.watermark(18);
            assertThat(h.results()).hasSize(2);
            assertThat(h.results().get(1)).isEqualTo(window("k", 5, 19, "1,2,4"));
            assertThat(h.resultTimestamps()).containsExactly(8L, 18L);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window("k", -5, 9, "1"),
                            window("k", 5, 19, "1,2,4"),
                            window("k", 8, 22, "2,4,8,16"),
                            window("k", 9, 23, "2,4,8,16"),
                            window("k", 10, 24, "2,4,8,16"));
        }
    }

    @Test
    void aDelayOfOneMillisecondIsNoDelay() throws Exception {
        for (Duration delay : List.of(Duration.ZERO, Duration.ofMillis(1))) {
            try (WindowPipelineHarness h =
                    harness(EventTimePerEventSlidingWindows.of(TEN).withDelay(delay))) {
                h.element("k", 0, 1);
                h.element("k", 1, 2);
                h.watermark(Long.MAX_VALUE);
                assertThat(h.results())
                        .containsExactly(window("k", -10, 1, "1"), window("k", -9, 2, "1,2"));
            }
        }
    }

    @Test
    void onlyTriggerElementsFireButAllAreInTheWindows() throws Exception {
        // eKuiper's SLIDINGWINDOW(ms, 10) OVER (WHEN value >= 100)
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN), e -> e.f2 >= 100, 0, true, null)) {
            h.element("k", 1, 1);
            h.element("k", 4, 2);
            h.element("k", 8, 100);
            h.element("k", 12, 3);
            h.element("k", 20, 4);
            h.element("k", 21, 200);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(window("k", -2, 9, "1,2,100"), window("k", 11, 22, "3,4,200"));
        }
    }

    @Test
    void keysHaveTheirOwnWindows() throws Exception {
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            h.element("a", 0, 1);
            h.element("b", 2, 10);
            h.element("a", 5, 2);
            h.element("b", 20, 20);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            window("a", -10, 1, "1"),
                            window("b", -8, 3, "10"),
                            window("a", -5, 6, "1,2"),
                            window("b", 10, 21, "20"));
        }
    }

    @Test
    void outOfOrderInputWithinTheWatermarkGivesTheWindowsOfSortedInput() throws Exception {
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            h.element("k", 20, 4);
            h.element("k", 5, 2);
            h.element("k", 15, 3);
            h.element("k", 0, 1);
            h.watermark(15);
            h.element("k", 22, 5);
            h.watermark(Long.MAX_VALUE);
            assertThat(values(h.results())).containsExactly("1", "1,2", "2,3", "3,4", "3,4,5");
            assertThat(h.late()).isEmpty();
        }
    }

    @Test
    void anElementAtTheWatermarkIsLateWithoutAllowedLateness() throws Exception {
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            h.element("k", 10, 1);
            h.watermark(10);
            h.element("k", 10, 2); // its window fired at 10: late
            h.element("k", 11, 4);
            h.watermark(Long.MAX_VALUE);
            assertThat(values(h.results())).containsExactly("1", "1,4");
            assertThat(h.late()).containsExactly(Tuple3.of("k", 10L, 2L));
        }
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN), null, 0, false, null)) {
            h.watermark(10);
            h.element("k", 3, 1);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).isEmpty();
            assertThat(h.lateRecordsDropped()).isEqualTo(1);
        }
    }

    /**
     * eKuiper's rule for late data ("a Watermark(t) declares that event time has reached time t
     * [...] there should be no more elements with a timestamp t' <= t"; with the default {@code
     * lateTolerance} of 0 "late elements are dropped") with its {@code SLIDINGWINDOW(unit, size,
     * delay)}: an element at or behind the watermark is late even when the delay keeps windows that
     * contain it open. Size 10, delay 5: windows {@code [t - 10, t + 5)} fire at {@code t + 4}.
     *
     * <pre>
     *   time        1    9  11 12 13     watermark 12
     *   window of 1 [-9, 6)              fired at 5
     *   window of 9 [-1, 14)             fires at 13: not fired yet
     *   element 11  behind the watermark: late (it would be in the window of 9)
     *   element 12  at the watermark: late
     *   element 13  on time: in the windows of 9 and 13
     * </pre>
     */
    @Test
    void withADelayAnElementAtOrBehindTheWatermarkIsLateThoughAWindowOfItIsOpen() throws Exception {
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN).withDelay(Duration.ofMillis(5)))) {
            elementsAtOrBehindTheWatermarkAreLate(h);
        }
    }

    /** The stream and windows of the timeline above, on size 10, delay 5, late side output. */
    private static void elementsAtOrBehindTheWatermarkAreLate(WindowPipelineHarness h)
            throws Exception {
        h.element("k", 1, 1);
        h.element("k", 9, 2);
        h.watermark(12);
        assertThat(h.results()).containsExactly(window("k", -9, 6, "1"));
        h.element("k", 11, 4);
        h.element("k", 12, 8);
        h.element("k", 13, 16);
        h.watermark(Long.MAX_VALUE);
        assertThat(h.results())
                .containsExactly(
                        window("k", -9, 6, "1"),
                        window("k", -1, 14, "1,2,16"),
                        window("k", 3, 18, "2,16"));
        assertThat(h.late()).containsExactly(Tuple3.of("k", 11L, 4L), Tuple3.of("k", 12L, 8L));
    }

    /**
     * The rule of {@link #withADelayAnElementAtOrBehindTheWatermarkIsLateThoughAWindowOfItIsOpen()}
     * is {@link LateRule#ELEMENT_TIMESTAMP}, the windows' default: set explicitly, the same windows
     * and late elements. Flink's {@link LateRule#WINDOW_END} is refused, saying why.
     */
    @Test
    void theLateRuleIsElementTimestampAndWindowEndIsRefused() throws Exception {
        PerEventSlidingWindows windows =
                EventTimePerEventSlidingWindows.of(TEN).withDelay(Duration.ofMillis(5));
        try (WindowPipelineHarness h =
                new WindowPipelineHarness(
                        keyed ->
                                windows.incremental(keyed)
                                        .lateRule(LateRule.ELEMENT_TIMESTAMP)
                                        .sideOutputLateData(WindowPipelineHarness.LATE)
                                        .aggregate(
                                                new WindowTestFunctions.CountSumValues(),
                                                new WindowTestFunctions.CountSumValuesToResult()),
                        null)) {
            elementsAtOrBehindTheWatermarkAreLate(h);
        }
        KeyedStream<Tuple3<String, Long, Long>, String> keyed =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        .fromData(Tuple3.of("k", 0L, 0L))
                        .keyBy(e -> e.f0);
        assertThatThrownBy(() -> windows.incremental(keyed).lateRule(LateRule.WINDOW_END))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "per-event sliding windows take only LateRule.ELEMENT_TIMESTAMP");
        assertThatThrownBy(() -> windows.incremental(keyed).lateRule(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * With allowed lateness the rule is {@code t + allowedLateness <= watermark}, the delay still
     * not counted: size 10, delay 5, allowed lateness 3, watermark 12: 9 is late (9 + 3 <= 12), 10
     * joins the window of 9, which has not fired yet.
     */
    @Test
    void withADelayAllowedLatenessAloneDecidesWhatIsLate() throws Exception {
        try (WindowPipelineHarness h =
                harness(
                        EventTimePerEventSlidingWindows.of(TEN).withDelay(Duration.ofMillis(5)),
                        null,
                        3,
                        false,
                        null)) {
            h.element("k", 9, 1);
            h.watermark(12);
            h.element("k", 9, 2); // 9 + 3 <= 12: late, dropped
            h.element("k", 10, 4); // 10 + 3 > 12: joins [-1, 14); its own window fires at 14
            h.watermark(13);
            assertThat(h.results()).containsExactly(window("k", -1, 14, "1,4"));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results().get(1)).isEqualTo(window("k", 0, 15, "1,4"));
            assertThat(h.lateRecordsDropped()).isEqualTo(1);
            assertThat(h.keyedStateEntries()).isZero();
        }
    }

    @Test
    void allowedLatenessFiresTheWindowsAgainThatALateElementJoins() throws Exception {
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN), null, 5, true, null)) {
            h.element("k", 10, 1);
            h.element("k", 14, 2);
            h.watermark(14);
            assertThat(values(h.results())).containsExactly("1", "1,2");
            // 12 is behind the watermark, its own window [2, 12] fires at once; of the fired
            // windows, [4, 14] contains it and fires again ([0, 10] does not contain it)
            h.element("k", 12, 4);
            assertThat(h.results())
                    .containsExactly(
                            window("k", 0, 11, "1"),
                            window("k", 4, 15, "1,2"),
                            window("k", 4, 15, "1,4,2"),
                            window("k", 2, 13, "1,4"));
            // watermark 16: the window of 10 (cleanup 15) is gone; 9 is late for its own window
            // (9 + 5 = 14 <= 16)
            h.watermark(16);
            h.element("k", 9, 8);
            assertThat(h.late()).containsExactly(Tuple3.of("k", 9L, 8L));
            // 13 is not late (its window is kept until 18): it fires at once, and the kept
            // window of 14 contains it and fires again (that of 12, [2, 12], does not)
            h.element("k", 13, 16);
            assertThat(h.results().subList(4, h.results().size()))
                    .containsExactly(window("k", 4, 15, "1,4,16,2"), window("k", 3, 14, "1,4,16"));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).hasSize(6);
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    @Test
    void restoresMidStreamWithOpenSlicesAndBothStacks() throws Exception {
        long[][] before = {{0, 1}, {3, 2}, {6, 4}, {9, 8}, {14, 16}, {13, 32}};
        long[][] after = {{15, 64}, {18, 128}, {30, 256}};
        OperatorSubtaskState snapshot;
        List<WindowResult> expected;
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            for (long[] e : before) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(12);
            for (long[] e : after) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(Long.MAX_VALUE);
            expected = h.results();
        }
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            for (long[] e : before) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(12);
            snapshot = h.snapshot(1);
            assertThat(values(h.results())).containsExactly("1", "1,2", "1,2,4", "1,2,4,8");
        }
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN), null, 0, true, snapshot)) {
            for (long[] e : after) {
                h.element("k", e[0], e[1]);
            }
            h.element("k", 12, 512); // behind the restored watermark: late
            h.watermark(Long.MAX_VALUE);
            // [3, 13] 2,4,8,32; [4, 14] 4,8,32,16; [5, 15] 4,8,32,16,64; [8, 18] 8,32,16,64,128;
            // [20, 30] 256
            assertThat(values(h.results()))
                    .containsExactly(
                            "2,4,8,32", "4,8,32,16", "4,8,32,16,64", "8,32,16,64,128", "256");
            assertThat(h.late()).containsExactly(Tuple3.of("k", 12L, 512L));
            assertThat(expected.subList(4, expected.size())).isEqualTo(h.results());
        }
    }

    @Test
    void nothingIsLeftOnceAllWindowsFired() throws Exception {
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            for (long t = 0; t < 100; t += 3) {
                h.element("k", t, t);
            }
            h.watermark(99);
            // the slices of the last 10 ms are kept for windows still to come
            assertThat(h.slicesKept("k")).isEqualTo(4); // 90, 93, 96, 99
            h.watermark(200);
            assertThat(h.slicesKept("k")).isZero();
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    @Test
    void processingTimeWindowsUseTheOperatorsClock() throws Exception {
        try (WindowPipelineHarness h = harness(ProcessingTimePerEventSlidingWindows.of(TEN))) {
            h.processingTime(100);
            h.elementNow("k", 1);
            h.elementNow("k", 2); // same millisecond, before it closed: in each other's windows
            h.processingTime(105);
            assertThat(h.results())
                    .containsExactly(window("k", 90, 101, "1,2"), window("k", 90, 101, "1,2"));
            h.elementNow("k", 4);
            h.processingTime(111);
            h.elementNow("k", 8);
            h.processingTime(200);
            assertThat(h.results().subList(2, 4))
                    .containsExactly(window("k", 95, 106, "1,2,4"), window("k", 101, 112, "4,8"));
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.processingTimeTimers()).isZero();
        }
    }

    @Test
    void processingTimeWithADelayFiresWhenTheClockReachesTheWindowsEnd() throws Exception {
        try (WindowPipelineHarness h =
                harness(
                        ProcessingTimePerEventSlidingWindows.of(TEN)
                                .withDelay(Duration.ofMillis(5)))) {
            h.processingTime(100);
            h.elementNow("k", 1);
            h.processingTime(100); // fires the millisecond's slice timer, not the window
            h.elementNow("k", 2); // 100 is closed: counts as 101
            h.processingTime(103);
            h.elementNow("k", 4);
            h.processingTime(104);
            assertThat(h.results()).containsExactly(window("k", 90, 105, "1,2,4"));
            h.processingTime(200);
            assertThat(h.results())
                    .containsExactly(
                            window("k", 90, 105, "1,2,4"),
                            window("k", 91, 106, "1,2,4"),
                            window("k", 93, 108, "1,2,4"));
        }
    }

    /**
     * A restore from two subtasks into one: subtask 0 had reached watermark 14 (key a's windows of
     * 1, 6 and 12 fired), subtask 1 only 2. The watermark starts again from the lowest, 2, but key
     * a's elements are judged against its old subtask's watermark, 14, as without the restore: 7
     * and 13 are late (their windows' time has passed), 15 is on time; key b is judged against 2.
     */
    @Test
    void rescaledRestoreJudgesEachKeyByItsOldSubtasksWatermark() throws Exception {
        int maxParallelism = 128;
        String a = Rescaling.keyOf(0, 2, maxParallelism);
        String b = Rescaling.keyOf(1, 2, maxParallelism);
        WindowPipelineHarness.Pipeline pipeline =
                keyed -> countSum(keyed, EventTimePerEventSlidingWindows.of(TEN), null, 0, true);
        OperatorSubtaskState first;
        OperatorSubtaskState second;
        try (WindowPipelineHarness h =
                new WindowPipelineHarness(pipeline, null, maxParallelism, 2, 0)) {
            h.element(a, 1, 1);
            h.element(a, 6, 6);
            h.element(a, 12, 12);
            h.watermark(14);
            assertThat(values(h.results())).containsExactly("1", "1,6", "6,12");
            first = h.snapshot(1);
        }
        try (WindowPipelineHarness h =
                new WindowPipelineHarness(pipeline, null, maxParallelism, 2, 1)) {
            h.element(b, 3, 3);
            h.watermark(2);
            assertThat(h.results()).isEmpty();
            second = h.snapshot(1);
        }
        OperatorSubtaskState merged = Rescaling.restoredState(maxParallelism, 1, 0, first, second);
        try (WindowPipelineHarness h =
                new WindowPipelineHarness(pipeline, merged, maxParallelism, 1, 0)) {
            h.element(a, 7, 7);
            h.element(a, 13, 13);
            h.element(a, 15, 15);
            h.element(b, 4, 4);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.late()).containsExactly(Tuple3.of(a, 7L, 7L), Tuple3.of(a, 13L, 13L));
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            window(a, 5, 16, "6,12,15"),
                            window(b, -7, 4, "3"),
                            window(b, -6, 5, "3,4"));
            assertThat(h.keyedStateEntries()).isZero();
        }
    }

    @Test
    void processingTimeRestoredInTheSameMillisecondStillClosesIt() throws Exception {
        OperatorSubtaskState snapshot;
        try (WindowPipelineHarness h = harness(ProcessingTimePerEventSlidingWindows.of(TEN))) {
            h.processingTime(100);
            h.elementNow("k", 1);
            h.processingTime(100); // the slice of 100 is queued and its window fires
            assertThat(h.results()).containsExactly(window("k", 90, 101, "1"));
            snapshot = h.snapshot(1);
        }
        try (WindowPipelineHarness h =
                harness(ProcessingTimePerEventSlidingWindows.of(TEN), null, 0, true, snapshot)) {
            h.processingTime(100); // the clock of the restored job reads the same millisecond
            h.elementNow("k", 2); // 100 was closed before the failure: counts as 101
            h.processingTime(101);
            assertThat(h.results()).containsExactly(window("k", 91, 102, "1,2"));
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> EventTimePerEventSlidingWindows.of(Duration.ZERO))
                .hasMessage("per-event sliding window size must be positive, was PT0S");
        assertThatThrownBy(() -> EventTimePerEventSlidingWindows.of(null))
                .hasMessage("per-event sliding window size must not be null");
        assertThatThrownBy(() -> ProcessingTimePerEventSlidingWindows.of(Duration.ofNanos(1500)))
                .hasMessageStartingWith(
                        "per-event sliding window size must be at least 1 millisecond");
        assertThatThrownBy(
                        () -> ProcessingTimePerEventSlidingWindows.of(Duration.ofNanos(1_500_000)))
                .hasMessageStartingWith(
                        "per-event sliding window size must be a whole number of milliseconds");
        assertThatThrownBy(
                        () ->
                                EventTimePerEventSlidingWindows.of(TEN)
                                        .withDelay(Duration.ofMillis(-1)))
                .hasMessage(
                        "per-event sliding window delay must be zero or positive, was PT-0.001S");
        assertThatThrownBy(() -> EventTimePerEventSlidingWindows.of(TEN).withDelay(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("per-event sliding window delay must not be null");
        assertThatThrownBy(
                        () ->
                                ProcessingTimePerEventSlidingWindows.of(TEN)
                                        .withDelay(Duration.ofNanos(4_000_001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "per-event sliding window delay must be a whole number of milliseconds"
                                + " (Flink's time unit), was PT0.004000001S");
        KeyedStream<Tuple3<String, Long, Long>, String> keyed =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        .fromData(Tuple3.of("k", 0L, 0L))
                        .keyBy(e -> e.f0);
        assertThatThrownBy(() -> EventTimePerEventSlidingWindows.of(TEN).incremental(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the keyed stream must not be null");
        PerEventWindowedStream<Tuple3<String, Long, Long>, String> stream =
                EventTimePerEventSlidingWindows.of(TEN).incremental(keyed);
        assertThatThrownBy(() -> stream.triggeredBy(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the trigger predicate must not be null");
        assertThatThrownBy(() -> stream.sideOutputLateData(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the late-data output tag must not be null");
        assertThatThrownBy(() -> stream.allowedLateness(Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "allowed lateness must be a whole number of milliseconds, was PT0.0015S");
        assertThatThrownBy(() -> stream.allowedLateness(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventTimePerEventSlidingWindows.of(Duration.ofMillis(300)).windowOf(1000))
                .isEqualTo(new TimeWindow(700, 1001));
        assertThat(
                        EventTimePerEventSlidingWindows.of(TEN)
                                .withDelay(Duration.ofMillis(4))
                                .windowOf(15))
                .isEqualTo(new TimeWindow(5, 19));
    }
}
