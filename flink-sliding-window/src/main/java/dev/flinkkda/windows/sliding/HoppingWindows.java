package dev.flinkkda.windows.sliding;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * The fast path of event-time hopping windows, for {@code aggregate} and {@code reduce}: one
 * operator that aggregates each element once, into its slice, and combines a window's slices when
 * it fires — instead of copying each element into its {@code size / hop} windows as Flink's window
 * operator does with {@link EventTimeHoppingWindows} (or {@code SlidingEventTimeWindows}).
 *
 * <pre>{@code
 * HoppingWindows.incremental(
 *         readings.keyBy(Reading::sensor),
 *         EventTimeHoppingWindows.of(Duration.ofSeconds(60), Duration.ofMillis(500)))
 *     .allowedLateness(Duration.ofSeconds(5))
 *     .sideOutputLateData(lateReadings)
 *     .aggregate(new Average(), new WithWindowBounds());
 * }</pre>
 *
 * <p>The windows are those of the assigner — the same as {@code keyedStream.window(assigner)} — for
 * any input that is out of order within the watermark bound. See {@link HoppingWindowedStream} for
 * late data and what the fast path does not offer.
 */
@PublicEvolving
public final class HoppingWindows {

    /**
     * The fast path's operator metric counting elements that belong to no window (in a gap between
     * windows, or before the start instant); they are dropped.
     */
    public static final String ELEMENTS_IN_GAPS_METRIC = "numElementsInGaps";

    /** The fast path's operator metric counting late elements dropped (no late side output). */
    public static final String LATE_RECORDS_DROPPED_METRIC = "numLateRecordsDropped";

    private HoppingWindows() {}

    /**
     * Event-time hopping windows with incremental aggregation in one dedicated operator, whose cost
     * per element does not grow with {@code size / hop}.
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @param windows the hopping windows, e.g. {@code EventTimeHoppingWindows.of(size, hop)}
     */
    public static <T, K> HoppingWindowedStream<T, K> incremental(
            KeyedStream<T, K> input, EventTimeHoppingWindows windows) {
        if (input == null) {
            throw new IllegalArgumentException("the keyed stream must not be null");
        }
        if (windows == null) {
            throw new IllegalArgumentException("the hopping windows must not be null");
        }
        return new HoppingWindowedStream<>(input, windows);
    }
}
