package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.stagger.StaggerPipelineHarness.Path;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact windows of event-time stagger windows, on worked examples and edge cases. */
class EventTimeStaggerWindowsTest {

    private static final long MINUTE = 60_000L;

    private static long at(String isoUtc) {
        return KdaConceptPageExample.at(isoUtc);
    }

    /** {@link KdaConceptPageExample}: both paths give the published KDA result. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void kdaConceptPageExample(Path path) throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, MINUTE, 0)) {
            for (Tuple3<String, Long, Long> row : KdaConceptPageExample.ROWS) {
                h.element(row.f0, row.f1, row.f2);
            }
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).containsExactlyElementsOf(KdaConceptPageExample.RESULT);
        }
    }

    /**
     * KDA stagger example page: groups of six records with the same EVENT_TIME and TICKER, ingested
     * ten seconds apart (ROWTIME 20:17:30 … 20:18:21 for AMZN, 20:18:31 … 20:19:21 for INTC),
     * PARTITION BY TICKER, EVENT_TIME RANGE INTERVAL '1' MINUTE: each group is one window of six,
     * closing one minute after its first record.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void kdaExamplePageSixRecordsPerTicker(Path path) throws Exception {
        String amzn = "AMZN|2018-08-01T20:17:20.797945";
        String intc = "INTC|2018-08-01T20:18:21.043084";
        String[] amznRowtimes = {
            "20:17:30", "20:17:40", "20:17:50", "20:18:00", "20:18:10", "20:18:21"
        };
        String[] intcRowtimes = {
            "20:18:31", "20:18:41", "20:18:51", "20:19:01", "20:19:11", "20:19:21"
        };
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, MINUTE, 0)) {
            for (String t : amznRowtimes) {
                h.element(amzn, at("2018-08-01T" + t + "Z"), 1);
            }
            for (String t : intcRowtimes) {
                h.element(intc, at("2018-08-01T" + t + "Z"), 1);
            }
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult(
                                    amzn,
                                    at("2018-08-01T20:17:30Z"),
                                    at("2018-08-01T20:18:30Z"),
                                    6,
                                    6),
                            new WindowResult(
                                    intc,
                                    at("2018-08-01T20:18:31Z"),
                                    at("2018-08-01T20:19:31Z"),
                                    6,
                                    6));
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void elementExactlyAtStartPlusSizeOpensTheNextWindow(Path path) throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 100, 0)) {
            h.element("k", 1000, 1);
            h.element("k", 1099, 2);
            h.element("k", 1100, 4);
            h.element("k", 1199, 8);
            h.element("k", 1200, 16);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("k", 1000, 1100, 2, 3),
                            new WindowResult("k", 1100, 1200, 2, 12),
                            new WindowResult("k", 1200, 1300, 1, 16));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void windowFiresWhenTheWatermarkReachesEndMinusOne(Path path) throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 100, 0)) {
            h.element("k", 1000, 1);
            h.watermark(1000);
            h.element("k", 1050, 1);
            h.watermark(1098);
            assertThat(h.results()).isEmpty();
            h.watermark(1099);
            assertThat(h.results()).containsExactly(new WindowResult("k", 1000, 1100, 2, 2));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void keysInterleavedOpenTheirOwnWindows(Path path) throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 10, 0)) {
            h.element("a", 0, 1);
            h.element("b", 3, 10);
            h.element("c", 5, 100);
            h.element("a", 9, 1);
            h.element("b", 12, 10);
            h.element("a", 10, 1);
            h.element("c", 14, 100);
            h.element("b", 13, 10);
            h.element("c", 15, 100);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            new WindowResult("a", 0, 10, 2, 2),
                            new WindowResult("a", 10, 20, 1, 1),
                            new WindowResult("b", 3, 13, 2, 20),
                            new WindowResult("b", 13, 23, 1, 10),
                            new WindowResult("c", 5, 15, 2, 200),
                            new WindowResult("c", 15, 25, 1, 100));
        }
    }

    /**
     * Every arrival order of six elements, with the highest watermark that keeps each element ahead
     * of it, gives the windows of the sorted input. The elements are chosen so that the order
     * changes where windows open: sorted, 10 opens [10, 70) holding 65, and 80 opens [80, 140).
     */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void everyPermutationWithinTheBoundGivesTheSortedWindows(Path path) throws Exception {
        long[] timestamps = {10, 65, 80, 120, 139, 140};
        List<WindowResult> expected =
                List.of(
                        new WindowResult("k", 10, 70, 2, 1 + 2),
                        new WindowResult("k", 80, 140, 3, 4 + 8 + 16),
                        new WindowResult("k", 140, 200, 1, 32));
        List<int[]> permutations = new ArrayList<>();
        permute(new int[] {0, 1, 2, 3, 4, 5}, 0, permutations);
        assertThat(permutations).hasSize(720);
        for (int[] order : permutations) {
            try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 60, 0)) {
                long watermark = Long.MIN_VALUE;
                for (int i = 0; i < order.length; i++) {
                    h.element("k", timestamps[order[i]], 1L << order[i]);
                    long lowestToCome = Long.MAX_VALUE;
                    for (int j = i + 1; j < order.length; j++) {
                        lowestToCome = Math.min(lowestToCome, timestamps[order[j]]);
                    }
                    long next = lowestToCome == Long.MAX_VALUE ? Long.MAX_VALUE : lowestToCome - 1;
                    if (next > watermark) {
                        watermark = next;
                        h.watermark(watermark);
                    }
                }
                assertThat(h.results())
                        .as("arrival order %s", java.util.Arrays.toString(order))
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    /**
     * Only elements that could open a window wait for the watermark; elements inside a key's open
     * window pass at once; nothing of a key stays in the ordering operator's state once its windows
     * closed.
     */
    @Test
    void holdsOnlyElementsThatMayOpenAWindowAndForgetsClosedWindows() throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(true, 100, 0)) {
            h.element("k", 1000, 1);
            assertThat(h.deliveredToWindowOperator()).isZero(); // an earlier element may come
            h.watermark(1000);
            assertThat(h.deliveredToWindowOperator()).isEqualTo(1); // opens [1000, 1100)
            h.element("k", 1050, 2);
            assertThat(h.deliveredToWindowOperator()).isEqualTo(2); // inside the open window
            h.element("k", 1120, 4);
            h.element("k", 1110, 8);
            assertThat(h.deliveredToWindowOperator()).isEqualTo(2); // may open the next window
            h.watermark(1099);
            assertThat(h.results()).containsExactly(new WindowResult("k", 1000, 1100, 2, 3));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("k", 1000, 1100, 2, 3),
                            new WindowResult("k", 1110, 1210, 2, 12));
            assertThat(h.orderingStateEntries()).isZero();
        }
    }

    /**
     * An element exactly at the open window's end, arriving while the watermark is inside the
     * window, must wait: it opens the next window, and the elements after it must be measured from
     * it, not from a later element.
     */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void elementAtTheOpenWindowsEndWaitsForTheWatermark(Path path) throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 10, 0)) {
            h.element("k", 0, 1);
            h.watermark(5); // [0, 10) is open and certain
            h.element("k", 10, 2);
            h.element("k", 15, 4);
            h.watermark(16);
            h.element("k", 21, 8);
            h.element("k", 20, 16);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("k", 0, 10, 1, 1),
                            new WindowResult("k", 10, 20, 2, 6),
                            new WindowResult("k", 20, 30, 2, 24));
        }
    }

    /**
     * Without the reordering step an early element that arrives late does not rebuild the chain; it
     * joins no window it does not belong to and leaves the others as they are.
     */
    @Test
    void assignerAloneNeverMovesExistingWindowsForOutOfOrderInput() throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(false, 60, 0)) {
            h.element("k", 65, 1);
            h.element("k", 80, 2);
            h.element("k", 10, 4); // sorted, 10 would open [10, 70) and take 65
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            new WindowResult("k", 65, 125, 2, 3),
                            new WindowResult("k", 10, 70, 1, 4));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void lateElementBeyondAllowedLatenessGoesToTheSideOutput(Path path) throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 100, 50)) {
            h.element("k", 1000, 1);
            h.element("k", 1040, 2);
            h.watermark(1100);
            assertThat(h.results()).containsExactly(new WindowResult("k", 1000, 1100, 2, 3));
            // within the allowed lateness: joins its window, which fires again
            h.element("k", 1020, 4);
            assertThat(h.results())
                    .containsExactly(
                            new WindowResult("k", 1000, 1100, 2, 3),
                            new WindowResult("k", 1000, 1100, 3, 7));
            h.watermark(1149); // window cleaned up at end - 1 + lateness = 1149
            // its own window [1000, 1100) would be past end - 1 + lateness: late data
            h.element("k", 1000, 8);
            assertThat(h.late()).containsExactly(Tuple3.of("k", 1000L, 8L));
            assertThat(h.results()).hasSize(2);
            // [1030, 1130) is still within the lateness: a window of its own, fired at once
            h.element("k", 1030, 16);
            assertThat(h.late()).hasSize(1);
            assertThat(h.results()).last().isEqualTo(new WindowResult("k", 1030, 1130, 1, 16));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void lateElementBeforeALaterOpenWindowDoesNotDisturbIt(Path path) throws Exception {
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 60, 0)) {
            h.element("k", 70, 1);
            h.watermark(100);
            // late (behind the watermark) and before the open window [70, 130): its own window
            // [15, 75) is already past the watermark, so it is late data, not a new result
            h.element("k", 15, 2);
            assertThat(h.late()).containsExactly(Tuple3.of("k", 15L, 2L));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).containsExactly(new WindowResult("k", 70, 130, 1, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void restoresHeldElementsAndOpenWindowsFromASnapshot(Path path) throws Exception {
        StaggerPipelineHarness.Snapshot snapshot;
        List<WindowResult> beforeSnapshot;
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 100, 0)) {
            h.element("a", 1000, 1); // will be released into the window operator
            h.element("b", 1010, 2);
            h.watermark(1020);
            h.element("a", 1090, 4); // held by the sorter
            h.element("a", 1050, 8); // held, out of order
            h.element("b", 1200, 16); // held
            snapshot = h.snapshot(1);
            beforeSnapshot = new ArrayList<>(h.results());
            h.element("a", 1300, 999); // lost with the failure, replayed from the source
        }
        assertThat(beforeSnapshot).isEmpty();
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, 100, 0, snapshot)) {
            h.element("a", 1300, 32);
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results())
                    .containsExactlyInAnyOrder(
                            new WindowResult("a", 1000, 1100, 3, 13),
                            new WindowResult("a", 1300, 1400, 1, 32),
                            new WindowResult("b", 1010, 1110, 1, 2),
                            new WindowResult("b", 1200, 1300, 1, 16));
        }
    }

    @Test
    void rejectsSizesThatAreNotPositive() {
        assertThatThrownBy(() -> EventTimeStaggerWindows.of(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stagger window size must be positive, was PT0S");
        assertThatThrownBy(() -> EventTimeStaggerWindows.of(Duration.ofSeconds(-1)))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> ProcessingTimeStaggerWindows.of(Duration.ofNanos(10)))
                .hasMessageContaining("at least 1 millisecond");
        assertThatThrownBy(() -> EventTimeStaggerWindows.of(null))
                .hasMessageContaining("must not be null");
    }

    private static void permute(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            int t = a[k];
            a[k] = a[i];
            a[i] = t;
            permute(a, k + 1, out);
            a[i] = a[k];
            a[k] = t;
        }
    }
}
