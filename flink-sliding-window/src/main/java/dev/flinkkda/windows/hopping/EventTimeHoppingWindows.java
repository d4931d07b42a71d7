package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.time.Instant;

/**
 * A window assigner of <em>hopping windows</em> on event time: windows of {@code size} every {@code
 * hop} (eKuiper's {@code HOPPINGWINDOW}, SA Engine's {@code twinagg(s, size, stride[, start])}).
 * {@code hop < size} gives overlapping (sliding) windows, {@code hop == size} tumbling windows, and
 * {@code hop > size} windows with gaps between them: an element in a gap belongs to no window.
 *
 * <p>Where the windows lie is chosen explicitly ({@link HoppingAlignment}); size 3 and hop 5:
 *
 * <pre>
 *   time               0    5    10   15
 *   of(3, 5)           [0,3) [5,8) [10,13)       starts at multiples of hop (Flink's sliding windows)
 *   .alignedToEnds()     [2,5) [7,10) [12,15)    ends at multiples of hop (eKuiper)
 *   .startingAt(1)     [1,4) [6,9) [11,14)       from the start instant, nothing before it (twinagg)
 * </pre>
 *
 * <p>Use it as any Flink assigner; every trigger, evictor, {@code allowedLateness}, late side
 * output and window function works as with Flink's own windows:
 *
 * <pre>{@code
 * readings.keyBy(Reading::sensor)
 *     .window(EventTimeHoppingWindows.of(Duration.ofSeconds(60), Duration.ofMillis(500)))
 *     .aggregate(new Average());
 * }</pre>
 *
 * <p>With the default alignment these are exactly Flink's {@code SlidingEventTimeWindows.of(size,
 * hop)}, which also (like this assigner) keeps a copy of each element's aggregate in every one of
 * its {@code size / hop} windows. For {@code aggregate} and {@code reduce}, {@link #incremental}
 * computes the same windows from slices, once per element:
 *
 * <pre>{@code
 * EventTimeHoppingWindows.of(Duration.ofSeconds(60), Duration.ofMillis(500))
 *     .incremental(readings.keyBy(Reading::sensor))
 *     .allowedLateness(Duration.ofSeconds(5))
 *     .sideOutputLateData(lateReadings)
 *     .aggregate(new Average(), new WithWindowBounds());
 * }</pre>
 *
 * <p>The default trigger fires a window when the watermark passes {@code end - 1}. Elements without
 * a window are dropped by Flink's window operator (a late one goes to the late side output, as any
 * late element without a window does there).
 */
@PublicEvolving
public class EventTimeHoppingWindows extends HoppingWindowAssigner {

    private static final long serialVersionUID = 1L;

    /**
     * The fast path's operator metric counting elements that belong to no window (in a gap between
     * windows, or before the start instant); they are dropped.
     */
    public static final String ELEMENTS_IN_GAPS_METRIC = "numElementsInGaps";

    private EventTimeHoppingWindows(long size, long hop, HoppingAlignment alignment, long start) {
        super(size, hop, alignment, start);
    }

    /**
     * Hopping windows of {@code size} every {@code hop}, with starts at multiples of the hop since
     * the epoch ({@link HoppingAlignment#EPOCH_STARTS}).
     *
     * @param size the length of each window; positive, whole milliseconds (e.g. 0.3 s)
     * @param hop the distance between the starts of two windows; positive, whole milliseconds
     * @throws IllegalArgumentException naming the argument that is null, not positive, or not a
     *     whole number of milliseconds
     */
    public static EventTimeHoppingWindows of(Duration size, Duration hop) {
        return new EventTimeHoppingWindows(
                toMillis(size, "size"), toMillis(hop, "hop"), HoppingAlignment.EPOCH_STARTS, 0);
    }

    /** These windows with starts at multiples of the hop since the epoch: the default. */
    public EventTimeHoppingWindows alignedToStarts() {
        return new EventTimeHoppingWindows(getSize(), getHop(), HoppingAlignment.EPOCH_STARTS, 0);
    }

    /**
     * These windows with ends at multiples of the hop since the epoch: at each multiple of the hop,
     * the last {@code size} (eKuiper's {@code HOPPINGWINDOW}).
     */
    public EventTimeHoppingWindows alignedToEnds() {
        return new EventTimeHoppingWindows(getSize(), getHop(), HoppingAlignment.EPOCH_ENDS, 0);
    }

    /**
     * These windows from {@code start} on: {@code [start + k·hop, start + k·hop + size)} for {@code
     * k >= 0}; elements before {@code start} belong to no window (SA Engine's {@code twinagg}
     * start).
     *
     * @throws IllegalArgumentException if {@code start} is null or not a whole number of epoch
     *     milliseconds
     */
    public EventTimeHoppingWindows startingAt(Instant start) {
        return new EventTimeHoppingWindows(
                getSize(), getHop(), HoppingAlignment.START_INSTANT, toEpochMillis(start));
    }

    /**
     * These windows from each key's first element on: {@code [t0 + k·hop, t0 + k·hop + size)} for
     * {@code k >= 0}, where {@code t0} is the timestamp of the first element of the key that
     * arrives and is not late (SA Engine's {@code twinagg(s, size, stride)} without a start). An
     * element of the key before {@code t0} belongs to no window, as before a start instant.
     *
     * <pre>
     * size 3, hop 2; key a's first element at 5, key b's at 8
     * key a   [5, 8) [7, 10) [9, 12) …    an element of a at 4: in no window
     * key b   [8, 11) [10, 13) …
     * </pre>
     *
     * <p>Only on the fast path ({@link #incremental}), which keeps {@code t0} in keyed state (one
     * long per key, for good, and restored with it): {@link #window} and Flink's {@code
     * keyedStream.window(…)} throw an {@link UnsupportedOperationException}, as a {@code
     * WindowAssigner} cannot know a key's first element.
     */
    public EventTimeHoppingWindows alignedToFirstElement() {
        return new EventTimeHoppingWindows(getSize(), getHop(), HoppingAlignment.FIRST_ELEMENT, 0);
    }

    /**
     * Flink's windowed stream of these windows: {@code input.window(this)}, already exact for
     * out-of-order input (the same call as for every window kind of the library).
     *
     * @throws IllegalArgumentException if {@code input} is null
     * @throws UnsupportedOperationException if the windows are {@link #alignedToFirstElement()}
     */
    public <T, K> WindowedStream<T, K, TimeWindow> window(KeyedStream<T, K> input) {
        WindowArguments.notNull(input, "the keyed stream");
        if (getAlignment() == HoppingAlignment.FIRST_ELEMENT) {
            throw firstElementNeedsTheFastPath();
        }
        return input.window(this);
    }

    /**
     * These windows with incremental aggregation in one dedicated operator, whose cost per element
     * does not grow with {@code size / hop}: each element is aggregated once into its slice, and a
     * window's slices are combined when it fires (see {@link HoppingWindowedStream} for late data
     * and what the fast path does not offer). The windows are those of {@link #window} for any
     * input that is out of order within the watermark bound.
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <T, K> HoppingWindowedStream<T, K> incremental(KeyedStream<T, K> input) {
        return new HoppingWindowedStream<>(input, this);
    }

    @Override
    long windowTime(long timestamp, WindowAssignerContext context) {
        if (timestamp == Long.MIN_VALUE) {
            throw new IllegalStateException(
                    "Record has no timestamp (Long.MIN_VALUE). Hopping windows on event time need "
                            + "a WatermarkStrategy with a timestamp assigner, or use "
                            + "ProcessingTimeHoppingWindows.");
        }
        return timestamp;
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return EventTimeTrigger.create();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }
}
