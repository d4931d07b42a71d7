package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.hopping.HoppingPipelineHarness.Path;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SA Engine's {@code twinagg} example (seed 004): the stream {@code x()} of 12 timestamped values
 * from 2022-05-12T00:00:00.0Z to 00:00:01.6Z, with {@code twinagg(x(), 0.3, 0.3)} (tumbling) and
 * {@code twinagg(x(), 0.6, 0.3)} (a 0.6 s window every 0.3 s). The windows are computed by hand
 * below, as the vectors of values twinagg emits, on both paths.
 *
 * <p>Which alignment is SA Engine's: the seed's text does not say where the first window of the
 * three-argument {@code twinagg} starts, and its figures are not available. Its four-argument form
 * takes "the point in time where the windowing should start"; if the three-argument form starts at
 * the stream's first element, 00:00:00.0, SA Engine's windows are those of {@code
 * startingAt(00:00:00.0)}. For size 0.3 / stride 0.3 epoch alignment gives the same windows
 * (midnight is a multiple of 0.3 s since the epoch); for 0.6 / 0.3 epoch alignment has one more
 * window, {@code [23:59:59.7, 00:00:00.3)} holding only the first value, 16.
 */
class SaEngineTwinaggExampleTest {

    private static final Instant MIDNIGHT = Instant.parse("2022-05-12T00:00:00Z");
    private static final long T0 = MIDNIGHT.toEpochMilli();

    /** (milliseconds after midnight, value), as {@code x()} lists them. */
    private static final long[][] X = {
        {0, 16}, {300, 4}, {400, 8}, {500, 2}, {700, 1}, {800, 7},
        {1000, 3}, {1100, 6}, {1200, 9}, {1300, 5}, {1500, 12}, {1600, 11}
    };

    private static EventTimeHoppingWindows twinagg(double size, double stride) {
        return EventTimeHoppingWindows.of(
                Duration.ofMillis(Math.round(size * 1000)),
                Duration.ofMillis(Math.round(stride * 1000)));
    }

    /** Windows as "[start, end): values" with start and end in ms after midnight. */
    private static List<String> run(Path path, EventTimeHoppingWindows windows) throws Exception {
        return run(path, windows, 0);
    }

    /** As {@link #run(Path, EventTimeHoppingWindows)}, with elements in no window expected. */
    private static List<String> run(Path path, EventTimeHoppingWindows windows, int inNoWindow)
            throws Exception {
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(path, windows)) {
            for (long[] x : X) {
                h.element("x", T0 + x[0], x[1]);
            }
            h.watermark(Long.MAX_VALUE);
            List<String> shown = new ArrayList<>();
            for (WindowResult r : h.results()) {
                shown.add("[" + (r.start - T0) + ", " + (r.end - T0) + "): " + r.values);
            }
            assertThat(h.late()).isEmpty();
            // the fast path counts them; Flink's window operator drops them silently
            assertThat(h.elementsInGaps()).isEqualTo(path == Path.INCREMENTAL ? inNoWindow : 0);
            return shown;
        }
    }

    @Test
    void midnightIsAMultipleOfTheStridesSinceTheEpoch() {
        assertThat(T0 % 300).isZero();
        assertThat(T0 % 600).isZero();
    }

    /** twinagg(x(), 0.3, 0.3): six tumbling windows; both alignments agree. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void tumblingPointThreeSeconds(Path path) throws Exception {
        List<String> expected =
                List.of(
                        "[0, 300): 16",
                        "[300, 600): 4,8,2",
                        "[600, 900): 1,7",
                        "[900, 1200): 3,6",
                        "[1200, 1500): 9,5",
                        "[1500, 1800): 12,11");
        assertThat(run(path, twinagg(0.3, 0.3).startingAt(MIDNIGHT))).isEqualTo(expected);
        assertThat(run(path, twinagg(0.3, 0.3))).isEqualTo(expected);
        assertThat(run(path, twinagg(0.3, 0.3).alignedToEnds())).isEqualTo(expected);
    }

    /**
     * twinagg(x(), 0.6, 0.3) from 00:00:00.0: a 0.6 s window every 0.3 s, six windows, each value
     * in two of them (the last window, [1.5, 2.1), is the second of 12 and 11).
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void pointSixEveryPointThreeFromMidnight(Path path) throws Exception {
        assertThat(run(path, twinagg(0.6, 0.3).startingAt(MIDNIGHT)))
                .containsExactly(
                        "[0, 600): 16,4,8,2",
                        "[300, 900): 4,8,2,1,7",
                        "[600, 1200): 1,7,3,6",
                        "[900, 1500): 3,6,9,5",
                        "[1200, 1800): 9,5,12,11",
                        "[1500, 2100): 12,11");
    }

    /**
     * The same with epoch alignment (starts, or ends — the size is a multiple of the stride, so
     * they agree): one more window before midnight, holding the value at 00:00:00.0.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void pointSixEveryPointThreeEpochAligned(Path path) throws Exception {
        List<String> expected =
                List.of(
                        "[-300, 300): 16",
                        "[0, 600): 16,4,8,2",
                        "[300, 900): 4,8,2,1,7",
                        "[600, 1200): 1,7,3,6",
                        "[900, 1500): 3,6,9,5",
                        "[1200, 1800): 9,5,12,11",
                        "[1500, 2100): 12,11");
        assertThat(run(path, twinagg(0.6, 0.3))).isEqualTo(expected);
        assertThat(run(path, twinagg(0.6, 0.3).alignedToEnds())).isEqualTo(expected);
    }

    /** A start between the elements: nothing before it is in a window (00:00:00.0 and .3). */
    @ParameterizedTest
    @EnumSource(Path.class)
    void startingAfterTheFirstValues(Path path) throws Exception {
        assertThat(run(path, twinagg(0.6, 0.3).startingAt(MIDNIGHT.plusMillis(350)), 2))
                .containsExactly(
                        "[350, 950): 8,2,1,7",
                        "[650, 1250): 1,7,3,6,9",
                        "[950, 1550): 3,6,9,5,12",
                        "[1250, 1850): 5,12,11",
                        "[1550, 2150): 11");
    }

    /**
     * twinagg(x(), 0.6, 0.3) without a start: windows aligned to the first element, 00:00:00.0 —
     * the same six windows as from midnight, none before it (fast path only).
     */
    @Test
    void alignedToTheFirstElementAsTwinaggWithoutAStart() throws Exception {
        assertThat(run(Path.INCREMENTAL, twinagg(0.6, 0.3).alignedToFirstElement()))
                .containsExactly(
                        "[0, 600): 16,4,8,2",
                        "[300, 900): 4,8,2,1,7",
                        "[600, 1200): 1,7,3,6",
                        "[900, 1500): 3,6,9,5",
                        "[1200, 1800): 9,5,12,11",
                        "[1500, 2100): 12,11");
        assertThat(run(Path.INCREMENTAL, twinagg(0.3, 0.3).alignedToFirstElement()))
                .containsExactly(
                        "[0, 300): 16",
                        "[300, 600): 4,8,2",
                        "[600, 900): 1,7",
                        "[900, 1200): 3,6",
                        "[1200, 1500): 9,5",
                        "[1500, 1800): 12,11");
    }

    /**
     * The value at 00:00:00.4 arrives first (out of order, within the watermark): the windows start
     * at 0.4 s, and the values at 0.0 and 0.3, before it, are in no window. Each key has its own
     * first element: key y's first is at 00:00:01.1, and its next window, [1.4, 2.0), is empty.
     */
    @Test
    void alignedToTheFirstElementToArrive() throws Exception {
        try (HoppingPipelineHarness h =
                new HoppingPipelineHarness(
                        Path.INCREMENTAL, twinagg(0.6, 0.3).alignedToFirstElement())) {
            h.element("x", T0 + 400, 8);
            h.element("x", T0, 16);
            h.element("x", T0 + 300, 4);
            h.element("y", T0 + 1100, 6);
            h.element("y", T0 + 1300, 5);
            for (long[] x : X) {
                if (x[0] > 400) {
                    h.element("x", T0 + x[0], x[1]);
                }
            }
            h.watermark(Long.MAX_VALUE);
            List<String> shown = new ArrayList<>();
            for (WindowResult r : h.results()) {
                shown.add(r.key + " [" + (r.start - T0) + ", " + (r.end - T0) + "): " + r.values);
            }
            assertThat(shown)
                    .containsExactlyInAnyOrder(
                            "x [400, 1000): 8,2,1,7",
                            "x [700, 1300): 1,7,3,6,9",
                            "x [1000, 1600): 3,6,9,5,12",
                            "x [1300, 1900): 5,12,11",
                            "x [1600, 2200): 11",
                            "y [1100, 1700): 6,5");
            assertThat(h.elementsInGaps()).isEqualTo(2);
            assertThat(h.late()).isEmpty();
        }
    }

    /** A window assigner cannot know a key's first element: the exact path says what to use. */
    @Test
    void alignedToTheFirstElementIsNotAnAssigner() throws Exception {
        EventTimeHoppingWindows windows = twinagg(0.6, 0.3).alignedToFirstElement();
        KeyedStream<Long, Long> keyed =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        .fromData(1L, 2L)
                        .keyBy(value -> value, Types.LONG);
        assertThatThrownBy(() -> windows.window(keyed))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("alignedToFirstElement().incremental(keyedStream)");
        // keyedStream.window(assigner) directly: at the first element
        try (HoppingPipelineHarness h = new HoppingPipelineHarness(Path.ASSIGNER, windows)) {
            assertThatThrownBy(() -> h.element("x", T0, 16))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("startingAt(instant)");
        }
    }
}
