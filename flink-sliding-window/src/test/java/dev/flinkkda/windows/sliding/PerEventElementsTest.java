package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The element form of per-event sliding windows, {@code process(ProcessWindowFunction)}, on worked
 * examples (the module README's timelines): each window's elements, in timestamp order and at one
 * timestamp in arrival order, with the window's bounds; late data, allowed lateness, restore and
 * processing time.
 */
class PerEventElementsTest {

    private static final Duration TEN = Duration.ofMillis(10);

    private static WindowPipelineHarness harness(
            PerEventSlidingWindows windows,
            FilterFunction<Tuple3<String, Long, Long>> trigger,
            long allowedLateness,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        return new WindowPipelineHarness(
                keyed -> {
                    PerEventWindowedStream<Tuple3<String, Long, Long>, String> stream =
                            windows.incremental(keyed)
                                    .allowedLateness(Duration.ofMillis(allowedLateness))
                                    .sideOutputLateData(WindowPipelineHarness.LATE);
                    if (trigger != null) {
                        stream.triggeredBy(trigger);
                    }
                    return stream.process(new WindowTestFunctions.CountSumValuesOfElements());
                },
                restoreFrom);
    }

    private static WindowPipelineHarness harness(PerEventSlidingWindows windows) throws Exception {
        return harness(windows, null, 0, null);
    }

    /** "[start, end) values" of each window, values in the order the function saw them. */
    private static List<String> windows(List<WindowResult> results) {
        return results.stream().map(r -> "[" + r.start + ", " + r.end + ") " + r.values).toList();
    }

    @Test
    void eachElementHandsOverTheElementsOfItsWindow() throws Exception {
        // size 10: a=1 at 0, b=2 at 5, c=3 at 15, d=4 at 20, e=5 at 22 (README), arriving out of
        // order within the watermark
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            h.element("k", 5, 2);
            h.element("k", 0, 1);
            h.element("k", 20, 4);
            h.element("k", 15, 3);
            h.element("k", 22, 5);
            h.watermark(Long.MAX_VALUE);
            assertThat(windows(h.results()))
                    .containsExactly(
                            "[-10, 1) 1",
                            "[-5, 6) 1,2",
                            "[5, 16) 2,3",
                            "[10, 21) 3,4",
                            "[12, 23) 3,4,5");
            assertThat(h.resultTimestamps()).containsExactly(0L, 5L, 15L, 20L, 22L);
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    @Test
    void aDelayAndATriggerPredicate() throws Exception {
        // size 10, delay 4: the window of c (15) is [5, 19): b c x (README); only values >= 3 fire
        try (WindowPipelineHarness h =
                harness(
                        EventTimePerEventSlidingWindows.of(TEN).withDelay(Duration.ofMillis(4)),
                        e -> e.f2 >= 3,
                        0,
                        null)) {
            h.element("k", 5, 2); // b
            h.element("k", 15, 3); // c
            h.element("k", 18, 1); // x
            h.element("k", 19, 1); // y
            h.element("k", 20, 4); // d
            h.watermark(17);
            assertThat(h.results()).isEmpty();
            h.watermark(18);
            assertThat(windows(h.results())).containsExactly("[5, 19) 2,3,1");
            h.watermark(Long.MAX_VALUE);
            assertThat(windows(h.results())).containsExactly("[5, 19) 2,3,1", "[10, 24) 3,1,1,4");
        }
    }

    @Test
    void peersComeInArrivalOrderAndLaterPeersCanBeExcluded() throws Exception {
        // size 10, arrivals a@3 b@5 c@5 x@2 d@5 (README): timestamp order, then arrival order
        long[][] arrivals = {{3, 1}, {5, 2}, {5, 3}, {2, 9}, {5, 4}};
        try (WindowPipelineHarness h = harness(EventTimePerEventSlidingWindows.of(TEN))) {
            for (long[] e : arrivals) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(5);
            assertThat(windows(h.results()))
                    .containsExactly(
                            "[-8, 3) 9",
                            "[-7, 4) 9,1",
                            "[-5, 6) 9,1,2,3,4",
                            "[-5, 6) 9,1,2,3,4",
                            "[-5, 6) 9,1,2,3,4");
        }
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN).excludingLaterPeers())) {
            for (long[] e : arrivals) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(5);
            assertThat(windows(h.results()))
                    .containsExactly(
                            "[-8, 3) 9",
                            "[-7, 4) 9,1",
                            "[-5, 6) 9,1,2",
                            "[-5, 6) 9,1,2,3",
                            "[-5, 6) 9,1,2,3,4");
        }
    }

    @Test
    void lateElementsGoAsideAndAllowedLatenessFiresWindowsAgainWithAllElements() throws Exception {
        // the aggregate form's example (README): size 10, allowed lateness 5
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN), null, 5, null)) {
            h.element("k", 10, 1);
            h.element("k", 14, 2);
            h.watermark(14);
            h.element("k", 12, 4); // [4, 14] again with 12; its own [2, 12] at once
            assertThat(windows(h.results()))
                    .containsExactly("[0, 11) 1", "[4, 15) 1,2", "[4, 15) 1,4,2", "[2, 13) 1,4");
            h.watermark(16);
            h.element("k", 9, 8); // 9 + 5 <= 16: late
            assertThat(h.late()).containsExactly(Tuple3.of("k", 9L, 8L));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.eventTimeTimers()).isZero();
        }
        // eKuiper's rule with a delay: size 10, delay 5, watermark 12: 11 is late though the
        // window of 9, [-1, 14), has not fired
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN).withDelay(Duration.ofMillis(5)))) {
            h.element("k", 9, 2);
            h.watermark(12);
            h.element("k", 11, 4);
            h.element("k", 13, 16);
            h.watermark(Long.MAX_VALUE);
            assertThat(windows(h.results())).containsExactly("[-1, 14) 2,16", "[3, 18) 2,16");
            assertThat(h.late()).containsExactly(Tuple3.of("k", 11L, 4L));
        }
    }

    @Test
    void restoresMidStreamAsIfUninterrupted() throws Exception {
        long[][] before = {{0, 1}, {3, 2}, {6, 4}, {9, 8}, {14, 16}, {13, 32}};
        long[][] after = {{15, 64}, {10, 512}, {18, 128}, {30, 256}};
        PerEventSlidingWindows windows =
                EventTimePerEventSlidingWindows.of(TEN).withDelay(Duration.ofMillis(3));
        List<String> straight;
        try (WindowPipelineHarness h = harness(windows, null, 4, null)) {
            for (long[] e : before) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(12);
            for (long[] e : after) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(Long.MAX_VALUE);
            straight = windows(h.results());
        }
        OperatorSubtaskState snapshot;
        List<String> firedBefore;
        try (WindowPipelineHarness h = harness(windows, null, 4, null)) {
            for (long[] e : before) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(12);
            snapshot = h.snapshot(1);
            firedBefore = windows(h.results());
        }
        // windows [t - 10, t + 3) fire at t + 2: those of 0, 3, 6 and 9 by watermark 12
        assertThat(firedBefore)
                .containsExactly("[-10, 3) 1", "[-7, 6) 1,2", "[-4, 9) 1,2,4", "[-1, 12) 1,2,4,8");
        try (WindowPipelineHarness h = harness(windows, null, 4, snapshot)) {
            for (long[] e : after) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(Long.MAX_VALUE);
            List<String> all = new java.util.ArrayList<>(firedBefore);
            all.addAll(windows(h.results()));
            assertThat(all).isEqualTo(straight);
            // 10 is behind the restored watermark, within the allowed lateness (10 + 4 > 12): the
            // kept window of 9 fires again with it and its own, [0, 13), at once; in the window
            // of 13 it comes in timestamp order
            assertThat(windows(h.results()).subList(0, 2))
                    .containsExactly("[-1, 12) 1,2,4,8,512", "[0, 13) 1,2,4,8,512");
            assertThat(windows(h.results())).contains("[3, 16) 2,4,8,512,32,16,64");
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    @Test
    void processingTime() throws Exception {
        try (WindowPipelineHarness h = harness(ProcessingTimePerEventSlidingWindows.of(TEN))) {
            h.processingTime(100);
            h.elementNow("k", 1);
            h.elementNow("k", 2);
            h.processingTime(105);
            h.elementNow("k", 4);
            h.processingTime(111);
            assertThat(windows(h.results()))
                    .containsExactly("[90, 101) 1,2", "[90, 101) 1,2", "[95, 106) 1,2,4");
            h.processingTime(200);
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.processingTimeTimers()).isZero();
        }
    }

    @Test
    void theFunctionIsOpenedAndGetsTheWindowAndTheKey() throws Exception {
        try (WindowPipelineHarness h =
                new WindowPipelineHarness(
                        keyed ->
                                EventTimePerEventSlidingWindows.of(TEN)
                                        .incremental(keyed)
                                        .process(new KeyAndWindow()),
                        null)) {
            h.element("k", 7, 1);
            h.watermark(7);
            WindowResult result = h.results().get(0);
            assertThat(result.key).isEqualTo("k/opened");
            assertThat(result.start).isEqualTo(-3);
            assertThat(result.end).isEqualTo(8);
            assertThat(result.values).isEqualTo("watermark 7");
        }
    }

    /** The key (and whether it was opened), the window and the context's watermark. */
    private static final class KeyAndWindow
            extends ProcessWindowFunction<
                    Tuple3<String, Long, Long>, WindowResult, String, TimeWindow> {
        private boolean opened;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            opened = true;
        }

        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple3<String, Long, Long>> elements,
                Collector<WindowResult> out) {
            WindowResult result =
                    new WindowResult(
                            key + (opened ? "/opened" : ""),
                            context.window().getStart(),
                            context.window().getEnd(),
                            0,
                            0);
            result.values = "watermark " + context.currentWatermark();
            out.collect(result);
        }
    }

    @Test
    void theElementFormNeedsAFunctionAndAType() {
        PerEventWindowedStream<Tuple3<String, Long, Long>, String> stream =
                EventTimePerEventSlidingWindows.of(TEN)
                        .incremental(
                                StreamExecutionEnvironment.getExecutionEnvironment()
                                        .fromData(Tuple3.of("k", 0L, 0L))
                                        .keyBy(e -> e.f0));
        assertThatThrownBy(() -> stream.process(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the process window function must not be null");
        assertThatThrownBy(
                        () ->
                                stream.process(
                                        new WindowTestFunctions.CountSumValuesOfElements(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the result type must not be null");
    }
}
