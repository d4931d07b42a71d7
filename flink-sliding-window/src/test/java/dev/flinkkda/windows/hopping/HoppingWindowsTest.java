package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.hopping.HoppingPipelineHarness.Path;
import dev.flinkkda.windows.testing.PipelineOutcome;
import dev.flinkkda.windows.testing.Rescaling;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Worked examples, computed by hand, on both paths. Times in milliseconds; element value = its
 * timestamp unless given.
 */
class HoppingWindowsTest {

    private static EventTimeHoppingWindows hopping(long size, long hop) {
        return EventTimeHoppingWindows.of(Duration.ofMillis(size), Duration.ofMillis(hop));
    }

    private static void inOrder(HoppingPipelineHarness h, String key, long... timestamps)
            throws Exception {
        for (long t : timestamps) {
            h.element(key, t, t);
        }
    }

    private static WindowResult window(long start, long end, long count, long sum) {
        return new WindowResult("a", start, end, count, sum);
    }

    private static final long[] GAP_STREAM = {
        0, 150, 199, 200, 299, 300, 450, 499, 500, 650, 799, 800, 1100
    };

    /**
     * Size 0.2 s every 0.5 s, epoch-aligned starts: [0, 200) [500, 700) [1000, 1200) …; 200 (the
     * end), 299, 300, 450, 499, 799 and 800 are in gaps.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void gapsWithEpochAlignedStarts(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(200, 500))) {
            inOrder(h, "a", GAP_STREAM);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window(0, 200, 3, 0 + 150 + 199),
                            window(500, 700, 2, 500 + 650),
                            window(1000, 1200, 1, 1100));
            assertThat(h.elementsInGaps()).isEqualTo(path == Path.INCREMENTAL ? 7 : 0);
            assertThat(h.late()).isEmpty();
        }
    }

    /**
     * Aligned to ends (eKuiper): at every multiple of 0.5 s the last 0.2 s: [300, 500) [800, 1000)
     * [1300, 1500) …; 0 to 299, 500 to 799 and 1100 are in gaps.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void gapsWithEpochAlignedEnds(Path path) throws Exception {
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(path, hopping(200, 500).alignedToEnds())) {
            inOrder(h, "a", GAP_STREAM);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window(300, 500, 3, 300 + 450 + 499), window(800, 1000, 1, 800));
            assertThat(h.elementsInGaps()).isEqualTo(path == Path.INCREMENTAL ? 9 : 0);
        }
    }

    /**
     * From a start instant, 0.1 s: [100, 300) [600, 800) [1100, 1300) …; 0 is before the start, 300
     * to 500 and 800 are in gaps.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void gapsFromAStartInstant(Path path) throws Exception {
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(
                        path, hopping(200, 500).startingAt(Instant.ofEpochMilli(100)))) {
            inOrder(h, "a", GAP_STREAM);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window(100, 300, 4, 150 + 199 + 200 + 299),
                            window(600, 800, 2, 650 + 799),
                            window(1100, 1300, 1, 1100));
            assertThat(h.elementsInGaps()).isEqualTo(path == Path.INCREMENTAL ? 6 : 0);
        }
    }

    /**
     * Size 10 every 4 (panes of 2): an element exactly at a window's start is in it, one exactly at
     * a window's end is not. 4 is in [-4, 6), [0, 10), [4, 14); 10 is in [4, 14), [8, 18).
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void elementsExactlyOnBoundaries(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(10, 4))) {
            h.element("a", 4, 1);
            h.element("a", 10, 100);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window(-4, 6, 1, 1),
                            window(0, 10, 1, 1),
                            window(4, 14, 2, 101),
                            window(8, 18, 1, 100));
            assertThat(h.resultTimestamps()).containsExactly(5L, 9L, 13L, 17L);
        }
    }

    /** Tumbling (hop = size): the element at 10 opens the next window. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void tumblingBoundary(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(10, 10))) {
            inOrder(h, "a", 0, 9, 10, 19, 20);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window(0, 10, 2, 9), window(10, 20, 2, 29), window(20, 30, 1, 20));
        }
    }

    /**
     * The watermark at a window's end - 1 fires it; an element of that window arriving afterwards
     * is late for it but still joins the later windows that contain it (no side output).
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void elementBehindTheWatermarkJoinsItsWindowsStillOpen(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(10, 4))) {
            h.element("a", 7, 7);
            h.watermark(8);
            h.element("a", 9, 9); // on time for [0, 10), which fires at 9
            h.watermark(9);
            assertThat(h.results()).containsExactly(window(0, 10, 2, 16));
            h.element("a", 9, 90); // behind the watermark: [0, 10) has fired, [4, 14), [8, 18) not
            h.watermark(Long.MAX_VALUE);
            assertThat(h.late()).isEmpty();
            assertThat(h.results())
                    .containsExactly(
                            window(0, 10, 2, 16), window(4, 14, 3, 106), window(8, 18, 2, 99));
        }
    }

    /**
     * Out-of-order within the bound: each of the 720 arrival orders of 6 elements gives the windows
     * of the sorted input, with the watermark after each element as high as the elements still to
     * come allow. Each order runs on its own key, 1,200 ms after the previous one.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void everyArrivalOrderGivesTheSortedWindows(Path path) throws Exception {
        long[] timestamps = {3, 7, 10, 12, 15, 21};
        long shift = 1_200; // a multiple of every hop below, so each order meets the same grid
        for (EventTimeHoppingWindows windows :
                List.of(hopping(10, 4), hopping(6, 6), hopping(3, 5).alignedToEnds())) {
            List<WindowResult> expected = new ArrayList<>();
            try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, windows)) {
                List<List<Long>> orders = permutations(timestamps);
                for (int n = 0; n < orders.size(); n++) {
                    List<Long> order = orders.get(n);
                    String key = "order" + n;
                    long base = n * shift;
                    List<Tuple3<String, Long, Long>> elements = new ArrayList<>();
                    for (int i = 0; i < order.size(); i++) {
                        long t = base + order.get(i);
                        h.element(key, t, order.get(i));
                        elements.add(Tuple3.of(key, t, order.get(i)));
                        // the highest watermark that keeps every element still to come on time
                        long next = base + shift;
                        for (int j = i + 1; j < order.size(); j++) {
                            next = Math.min(next, base + order.get(j));
                        }
                        h.watermark(next - 1);
                    }
                    expected.addAll(
                            HoppingReference.windows(
                                    elements,
                                    windows.getSize(),
                                    windows.getHop(),
                                    windows.getAlignment(),
                                    0));
                }
                assertThat(h.late()).isEmpty();
                assertThat(h.results())
                        .as("%s", windows)
                        .hasSize(expected.size())
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    private static List<List<Long>> permutations(long[] values) {
        List<List<Long>> result = new ArrayList<>();
        permute(values, new ArrayList<>(), new boolean[values.length], result);
        return result;
    }

    private static void permute(
            long[] values, List<Long> prefix, boolean[] used, List<List<Long>> out) {
        if (prefix.size() == values.length) {
            out.add(new ArrayList<>(prefix));
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!used[i]) {
                used[i] = true;
                prefix.add(values[i]);
                permute(values, prefix, used, out);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }

    /**
     * No allowed lateness, size 10 every 5: 3 arrives after both of its windows fired and goes to
     * the side output; 7 arrives after [0, 10) fired and joins [5, 15) only.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void lateElementsWithoutAllowedLateness(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(10, 5))) {
            h.element("a", 1, 1);
            h.element("a", 6, 6);
            h.watermark(9); // [-5, 5) fired at 4, [0, 10) at 9
            h.element("a", 3, 3);
            h.element("a", 7, 7);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.late()).containsExactly(Tuple3.of("a", 3L, 3L));
            assertThat(h.results())
                    .containsExactly(
                            window(-5, 5, 1, 1), window(0, 10, 2, 7), window(5, 15, 2, 13));
            assertThat(h.lateRecordsDropped()).isZero();
        }
    }

    /**
     * Allowed lateness 5, size 10 every 5: a late element joins the windows whose end - 1 + 5 is
     * after the watermark, and those already fired fire again with all their elements.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void lateElementsWithinTheAllowedLatenessFireAgain(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(10, 5), 5)) {
            h.element("a", 1, 1);
            h.element("a", 6, 6);
            h.watermark(9); // [-5, 5) fired at 4 (kept to 9), [0, 10) at 9 (kept to 14)
            h.element("a", 3, 3); // [-5, 5) is gone, [0, 10) fires again
            h.watermark(14); // [5, 15) fires
            h.element("a", 8, 8); // [0, 10) is gone, [5, 15) fires again
            h.element("a", 4, 4); // both of its windows are gone
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window(-5, 5, 1, 1),
                            window(0, 10, 2, 7),
                            window(0, 10, 3, 10),
                            window(5, 15, 1, 6),
                            window(5, 15, 2, 14));
            assertThat(h.late()).containsExactly(Tuple3.of("a", 4L, 4L));
        }
    }

    /**
     * Size 6 every 2 (panes of 2), allowed lateness 10. A late element in a pane that was empty
     * when its windows fired, and in windows that never fired because they were empty: those past
     * their end and within the lateness fire at once, the others on time.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void lateElementInAnEmptyPaneAndInEmptyWindows(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(6, 2), 10)) {
            h.element("a", 0, 1);
            h.element("a", 20, 2);
            h.watermark(13); // the windows of 0 fired: [-4, 2) at 1, [-2, 4) at 3, [0, 6) at 5
            assertThat(h.results())
                    .containsExactly(window(-4, 2, 1, 1), window(-2, 4, 1, 1), window(0, 6, 1, 1));
            h.results().clear();
            // [6, 12) and [8, 14) never fired (empty) and are past their end: they fire at once;
            // [10, 16) fires on time, at 15
            h.element("a", 10, 10);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(window(6, 12, 1, 10), window(8, 14, 1, 10));
            h.results().clear();
            // [0, 6) (kept to 15) fires again with both elements; [2, 8) and [4, 10) fire at last
            h.element("a", 4, 100);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            window(0, 6, 2, 101), window(2, 8, 1, 100), window(4, 10, 1, 100));
            h.results().clear();
            h.element("a", 1, 1000); // [-4, 2) (kept to 11) and [-2, 4) (to 13) are gone
            assertThat(h.results()).containsExactly(window(0, 6, 3, 1101));
            h.results().clear();
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            window(10, 16, 1, 10),
                            window(16, 22, 1, 2),
                            window(18, 24, 1, 2),
                            window(20, 26, 1, 2));
            assertThat(h.late()).isEmpty();
        }
    }

    /** Hop > size: a late element within the lateness fires its window again; later, aside. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void lateElementsWithGaps(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(3, 5), 2)) {
            h.element("a", 1, 1);
            h.watermark(3); // [0, 3) fired at 2, kept to 4
            h.element("a", 2, 2); // fires again
            h.element("a", 4, 4); // in a gap
            h.watermark(5);
            h.element("a", 0, 10); // [0, 3) is gone
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).containsExactly(window(0, 3, 1, 1), window(0, 3, 2, 3));
            assertThat(h.late()).containsExactly(Tuple3.of("a", 0L, 10L));
            assertThat(h.elementsInGaps()).isEqualTo(path == Path.INCREMENTAL ? 1 : 0);
        }
    }

    /** Without a late side output, late elements are counted in numLateRecordsDropped. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void lateElementsAreCountedWithoutASideOutput(Path path) throws Exception {
        for (EventTimeHoppingWindows windows : List.of(hopping(10, 5), hopping(3, 5))) {
            try (HoppingPipelineHarness h =
                    new HoppingPipelineHarness(path, windows, 0, false, null)) {
                h.element("a", 1, 1);
                h.watermark(20);
                h.element("a", 1, 1);
                h.element("a", 2, 2);
                assertThat(h.lateRecordsDropped()).isEqualTo(2);
                assertThat(h.late()).isEmpty();
            }
        }
    }

    /** Keys keep their own windows. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void keysAreIndependent(Path path) throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(4, 2))) {
            h.element("a", 1, 1);
            h.element("b", 2, 20);
            h.element("a", 3, 3);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            new WindowResult("a", -2, 2, 1, 1),
                            new WindowResult("a", 0, 4, 2, 4),
                            new WindowResult("a", 2, 6, 1, 3),
                            new WindowResult("b", 0, 4, 1, 20),
                            new WindowResult("b", 2, 6, 1, 20));
        }
    }

    /**
     * A snapshot mid-stream — open panes, panes in both stacks, fired windows kept for the allowed
     * lateness — restores to the same windows; a late element after the restore still finds the
     * panes of a fired window.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void restoresMidStream(Path path) throws Exception {
        List<Tuple3<String, Long, Long>> before =
                List.of(
                        Tuple3.of("a", 1L, 1L),
                        Tuple3.of("b", 2L, 20L),
                        Tuple3.of("a", 6L, 6L),
                        Tuple3.of("a", 9L, 9L),
                        Tuple3.of("a", 12L, 12L),
                        Tuple3.of("b", 7L, 70L),
                        Tuple3.of("a", 16L, 16L));
        List<Tuple3<String, Long, Long>> after =
                List.of(
                        Tuple3.of("a", 99L, 99L),
                        Tuple3.of("a", 13L, 13L),
                        Tuple3.of("b", 17L, 170L),
                        Tuple3.of("a", 21L, 21L));
        for (EventTimeHoppingWindows windows :
                List.of(hopping(10, 4), hopping(3, 5).startingAt(Instant.ofEpochMilli(1)))) {
            List<WindowResult> results = new ArrayList<>();
            OperatorSubtaskState snapshot;
            try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, windows, 5)) {
                for (Tuple3<String, Long, Long> e : before) {
                    h.element(e.f0, e.f1, e.f2);
                }
                h.watermark(11);
                snapshot = h.snapshot(1);
                results.addAll(h.results());
                h.element("a", 99, 99); // lost with the failed run, replayed below
            }
            try (HoppingPipelineHarness h =
                    new HoppingPipelineHarness(path, windows, 5, true, snapshot)) {
                for (Tuple3<String, Long, Long> e : after) {
                    h.element(e.f0, e.f1, e.f2);
                }
                h.watermark(Long.MAX_VALUE);
                results.addAll(h.results());
                assertThat(h.late()).isEmpty();
            }
            List<Tuple3<String, Long, Long>> all = new ArrayList<>(before);
            all.addAll(after);
            List<WindowResult> expected =
                    HoppingReference.windows(
                            all,
                            windows.getSize(),
                            windows.getHop(),
                            windows.getAlignment(),
                            windows.getStart().map(Instant::toEpochMilli).orElse(0L));
            assertThat(results).as("%s", windows).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * A late element after a restore, before any new watermark. Flink's window operator starts
     * again from watermark {@code Long.MIN_VALUE}: the element counts as on time, [0, 10) (kept for
     * the lateness) fires again at the next watermark, and [-5, 5), already cleaned up, is created
     * anew with the element alone. The fast path applies the lateness rules against the watermark
     * its restored state had reached (9): [0, 10) fires again at once, [-5, 5) is gone.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void lateElementRightAfterARestore(Path path) throws Exception {
        OperatorSubtaskState snapshot;
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, hopping(10, 5), 5)) {
            h.element("a", 1, 1);
            h.element("a", 6, 6);
            h.watermark(9);
            snapshot = h.snapshot(1);
        }
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(path, hopping(10, 5), 5, true, snapshot)) {
            h.element("a", 3, 3);
            if (path == Path.INCREMENTAL) {
                assertThat(h.results()).containsExactly(window(0, 10, 3, 10));
            } else {
                assertThat(h.results()).isEmpty();
            }
            h.watermark(Long.MAX_VALUE);
            if (path == Path.INCREMENTAL) {
                assertThat(h.results()).containsExactly(window(0, 10, 3, 10), window(5, 15, 1, 6));
            } else {
                assertThat(h.results())
                        .containsExactly(
                                window(-5, 5, 1, 3), window(0, 10, 3, 10), window(5, 15, 1, 6));
            }
        }
    }

    /** The same with hop >= size (one slice per window): fired windows are kept apart. */
    @Test
    void lateElementRightAfterARestoreWithoutOverlap() throws Exception {
        OperatorSubtaskState snapshot;
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(Path.INCREMENTAL, hopping(5, 5), 5)) {
            h.element("a", 1, 1);
            h.element("a", 6, 6);
            h.watermark(5); // [0, 5) fired, kept to 9
            snapshot = h.snapshot(1);
        }
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(Path.INCREMENTAL, hopping(5, 5), 5, true, snapshot)) {
            h.element("a", 3, 3);
            assertThat(h.results()).containsExactly(window(0, 5, 2, 4));
            h.element("a", 7, 7);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).containsExactly(window(0, 5, 2, 4), window(5, 10, 2, 13));
        }
    }

    /**
     * The fast path keeps no state and no timers once all windows have fired (and, with allowed
     * lateness, are past their cleanup time): panes, queue and stacks are emptied.
     */
    @Test
    void fastPathLeavesNoStateBehind() throws Exception {
        for (EventTimeHoppingWindows windows :
                List.of(hopping(10, 4), hopping(10, 10), hopping(3, 5), hopping(12, 8))) {
            for (long lateness : new long[] {0, 7}) {
                try (HoppingPipelineHarness h =
                        new HoppingPipelineHarness(Path.INCREMENTAL, windows, lateness)) {
                    for (long t = 0; t < 200; t += 3) {
                        h.element("a", t, t);
                        h.element("b", t + 1, t);
                        h.watermark(t - 5);
                    }
                    h.watermark(300);
                    h.element("a", 198, 1); // late
                    h.watermark(10_000);
                    assertThat(h.keyedStateEntries())
                            .as("%s, lateness %d", windows, lateness)
                            .isZero();
                    assertThat(h.eventTimeTimers()).isZero();
                }
            }
        }
    }

    /**
     * Size 6 every 2 (panes of 2), elements at 0 … 20: once a window has fired, only the panes of
     * windows still to fire are kept — and, with allowed lateness, those of fired windows until
     * their cleanup time.
     */
    @Test
    void keepsOnlyThePanesStillNeeded() throws Exception {
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(Path.INCREMENTAL, hopping(6, 2))) {
            for (long t = 0; t <= 20; t++) {
                h.element("a", t, t);
            }
            assertThat(h.panesKept("a")).isEqualTo(11);
            h.watermark(11); // [6, 12) fired; [8, 14) is next: panes [8, 10) … [20, 22)
            assertThat(h.panesKept("a")).isEqualTo(7);
            h.watermark(13); // [8, 14) fired
            assertThat(h.panesKept("a")).isEqualTo(6);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.panesKept("a")).isZero();
        }
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(Path.INCREMENTAL, hopping(6, 2), 4)) {
            for (long t = 0; t <= 20; t++) {
                h.element("a", t, t);
            }
            // [4, 6) and [6, 8) are kept to 13 and 15: their last windows, [4, 10) and [6, 12),
            // fired at 9 and 11; [0, 2) and [2, 4) were dropped at 9 and 11
            h.watermark(11);
            assertThat(h.panesKept("a")).isEqualTo(9);
            h.watermark(15); // [4, 6) and [6, 8) are gone; [8, 10) is kept to 17, [10, 12) to 19
            assertThat(h.panesKept("a")).isEqualTo(7);
        }
    }

    /**
     * A restore from two subtasks into one: subtask 0 had reached watermark 14 (key a's windows up
     * to [5, 15) fired), subtask 1 only 2. After the restore the watermark starts again from the
     * lowest, 2, but key a's state is applied against its own, 14: an element at 13 joins only [10,
     * 20), one at 7 is late — as without the restore.
     */
    @Test
    void rescaledRestoreKeepsEachKeysWatermark() throws Exception {
        int maxParallelism = 128;
        String a = Rescaling.keyOf(0, 2, maxParallelism);
        String b = Rescaling.keyOf(1, 2, maxParallelism);
        EventTimeHoppingWindows windows = hopping(10, 5);
        OperatorSubtaskState first;
        OperatorSubtaskState second;
        List<WindowResult> before = new ArrayList<>();
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(
                        Path.INCREMENTAL, windows, 0, true, null, maxParallelism, 2, 0)) {
            h.element(a, 1, 1);
            h.element(a, 6, 6);
            h.element(a, 12, 12);
            h.watermark(14);
            first = h.snapshot(1);
            before.addAll(h.results());
        }
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(
                        Path.INCREMENTAL, windows, 0, true, null, maxParallelism, 2, 1)) {
            h.element(b, 3, 3);
            h.watermark(2);
            second = h.snapshot(1);
            assertThat(h.results()).isEmpty();
        }
        assertThat(before)
                .containsExactly(
                        new WindowResult(a, -5, 5, 1, 1),
                        new WindowResult(a, 0, 10, 2, 7),
                        new WindowResult(a, 5, 15, 2, 18));
        OperatorSubtaskState merged = Rescaling.restoredState(maxParallelism, 1, 0, first, second);
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(
                        Path.INCREMENTAL, windows, 0, true, merged, maxParallelism, 1, 0)) {
            h.element(a, 13, 13);
            h.element(a, 7, 7);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.late()).containsExactly(Tuple3.of(a, 7L, 7L));
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            new WindowResult(a, 10, 20, 2, 25),
                            new WindowResult(b, -5, 5, 1, 3),
                            new WindowResult(b, 0, 10, 1, 3));
            assertThat(h.keyedStateEntries()).isZero();
        }
    }

    /**
     * Two subtasks restored into one, where subtask 0 had reached watermark 100 — key a's windows
     * all fired and dropped, nothing of a is left — and subtask 1 only 2. An element of a at 3 is
     * late, as without the failure, and does not fire a's windows again; b's elements are on time.
     * One slice per window (hop = size) and panes (hop < size).
     */
    @ParameterizedTest(name = "size {0}, hop {1}")
    @CsvSource({"5, 5", "10, 5"})
    void rescaledRestoreKeepsTheWatermarkOfAKeyWithoutState(long size, long hop) throws Exception {
        int maxParallelism = 128;
        String a = Rescaling.keyOf(0, 2, maxParallelism);
        String b = Rescaling.keyOf(1, 2, maxParallelism);
        EventTimeHoppingWindows windows = hopping(size, hop);
        PipelineOutcome before;
        OperatorSubtaskState first;
        OperatorSubtaskState second;
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(
                        Path.INCREMENTAL, windows, 0, true, null, maxParallelism, 2, 0)) {
            before =
                    PipelineOutcome.run(
                            h,
                            p -> {
                                p.element(a, 1, 1);
                                p.watermark(100);
                            });
            assertThat(h.keyedStateEntries()).isZero();
            first = h.snapshot(1);
        }
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(
                        Path.INCREMENTAL, windows, 0, true, null, maxParallelism, 2, 1)) {
            before =
                    before.plus(
                            PipelineOutcome.run(
                                    h,
                                    p -> {
                                        p.element(b, 3, 3);
                                        p.watermark(2);
                                    }));
            second = h.snapshot(1);
        }
        PipelineOutcome after;
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(
                        Path.INCREMENTAL,
                        windows,
                        0,
                        true,
                        Rescaling.restoredState(maxParallelism, 1, 0, first, second),
                        maxParallelism,
                        1,
                        0)) {
            after =
                    PipelineOutcome.run(
                            h,
                            p -> {
                                p.element(a, 3, 3);
                                p.element(b, 4, 4);
                                p.watermark(Long.MAX_VALUE);
                            });
        }
        PipelineOutcome withFailure = before.plus(after);
        assertThat(withFailure.late()).containsExactly(Tuple3.of(a, 3L, 3L));
        assertThat(withFailure.results())
                .containsExactlyInAnyOrderElementsOf(
                        HoppingReference.windows(
                                List.of(
                                        Tuple3.of(a, 1L, 1L),
                                        Tuple3.of(b, 3L, 3L),
                                        Tuple3.of(b, 4L, 4L)),
                                size,
                                hop,
                                HoppingAlignment.EPOCH_STARTS,
                                0));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> EventTimeHoppingWindows.of(null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hopping window size must not be null");
        assertThatThrownBy(() -> EventTimeHoppingWindows.of(Duration.ofSeconds(1), Duration.ZERO))
                .hasMessage("hopping window hop must be positive, was PT0S");
        assertThatThrownBy(
                        () ->
                                EventTimeHoppingWindows.of(
                                        Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessageContaining("size must be positive");
        assertThatThrownBy(
                        () ->
                                ProcessingTimeHoppingWindows.of(
                                        Duration.ofNanos(300_500_000), Duration.ofSeconds(1)))
                .hasMessageContaining("size must be a whole number of milliseconds");
        assertThatThrownBy(() -> hopping(10, 5).startingAt(null))
                .hasMessageContaining("start instant of hopping windows must not be null");
        assertThatThrownBy(() -> hopping(10, 5).startingAt(Instant.ofEpochSecond(0, 1)))
                .hasMessageContaining("whole number of epoch milliseconds");
        assertThatThrownBy(
                        () ->
                                hopping(10, 5)
                                        .startingAt(
                                                Instant.ofEpochSecond(
                                                        Instant.MAX.getEpochSecond())))
                .hasMessageContaining("out of the range of epoch milliseconds");
        assertThatThrownBy(() -> hopping(10, 5).incremental(null))
                .hasMessageContaining("keyed stream must not be null");
        assertThatThrownBy(() -> EventTimeHoppingWindows.of(Duration.ofSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hopping window hop must not be null");
        assertThatThrownBy(
                        () ->
                                EventTimeHoppingWindows.of(
                                        Duration.ofSeconds(1), Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "hopping window hop must be a whole number of milliseconds (Flink's time"
                                + " unit), was PT0.0015S");
        // under a millisecond: core's WindowArguments, as every window kind says it
        assertThatThrownBy(
                        () ->
                                EventTimeHoppingWindows.of(
                                        Duration.ofSeconds(1), Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hopping window hop must be at least 1 millisecond, was PT0.0005S");
        KeyedStream<Tuple3<String, Long, Long>, String> keyed =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        .fromData(Tuple3.of("k", 0L, 0L))
                        .keyBy(e -> e.f0);
        HoppingWindowedStream<Tuple3<String, Long, Long>, String> stream =
                hopping(10, 5).incremental(keyed);
        assertThatThrownBy(() -> stream.sideOutputLateData(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the late-data output tag must not be null");
        assertThatThrownBy(() -> stream.allowedLateness(Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "allowed lateness must be a whole number of milliseconds, was PT0.0015S");
    }

    @Test
    void describesItself() {
        assertThat(hopping(600, 300).toString())
                .isEqualTo(
                        "EventTimeHoppingWindows(size=600 ms, hop=300 ms, epoch-aligned starts)");
        assertThat(hopping(600, 300).alignedToEnds().toString()).contains("epoch-aligned ends");
        assertThat(hopping(600, 300).startingAt(Instant.parse("2022-05-12T00:00:00Z")).toString())
                .contains("starting at 2022-05-12T00:00:00Z");
        assertThat(hopping(600, 300).startingAt(Instant.EPOCH).alignedToStarts().getAlignment())
                .isEqualTo(HoppingAlignment.EPOCH_STARTS);
        assertThat(hopping(600, 300).getStart()).isEmpty();
        assertThat(hopping(600, 300).startingAt(Instant.ofEpochMilli(7)).getStart())
                .contains(Instant.ofEpochMilli(7));
    }
}
