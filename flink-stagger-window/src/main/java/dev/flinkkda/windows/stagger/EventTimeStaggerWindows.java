package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.assigners.MergingWindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/**
 * A {@link MergingWindowAssigner} of <em>stagger windows</em> on event time: Kinesis Data
 * Analytics' {@code WINDOWED BY STAGGER (PARTITION BY … RANGE INTERVAL size)}.
 *
 * <p>Per key, a window opens at the timestamp {@code t0} of the first element of that key when none
 * is open and covers {@code [t0, t0 + size)}; the first element at or after {@code t0 + size} opens
 * the next window. Windows of different keys open and close at different times (they are
 * "staggered"), so a burst of related elements is not split by an epoch-aligned boundary. With a
 * size of 1 minute:
 *
 * <pre>
 *   key AMZN  11:00:20 ●  ●11:00:30      ●11:01:05  ●11:01:15
 *             [11:00:20 ─────────────── 11:01:20)   [11:01:15 ──── 11:02:15)
 *   key INTC            11:00:45 ●
 *                       [11:00:45 ─────────────── 11:01:45)
 * </pre>
 *
 * <p>The default trigger fires a window when the watermark passes {@code end - 1}; {@link
 * TimeWindow#getEnd()} is the window close, KDA's output {@code ROWTIME}. {@code allowedLateness},
 * {@code sideOutputLateData}, custom triggers, {@code aggregate}/{@code reduce} (one accumulator
 * per open window) and {@code process} work as with Flink's own windows.
 *
 * <p><b>Out-of-order input.</b> Stagger windows are defined on timestamp order, and a window
 * assigner sees elements in arrival order: an element that arrives after a later one may move where
 * the following windows open, which would require splitting a window's accumulator. So the assigner
 * never merges or moves existing windows (see the merge rule below), and exact results for
 * out-of-order input come from {@link #window}, which puts each key's elements into timestamp order
 * (held until the watermark passes them) before this assigner, or from the fast path {@link
 * #incremental}:
 *
 * <pre>{@code
 * EventTimeStaggerWindows.of(Duration.ofMinutes(1)).window(stream.keyBy(Trade::ticker))
 *     .aggregate(new CountTrades());
 * EventTimeStaggerWindows.of(Duration.ofMinutes(1)).incremental(stream.keyBy(Trade::ticker))
 *     .aggregate(new CountTrades());
 * }</pre>
 *
 * With {@code keyedStream.window(EventTimeStaggerWindows.of(size))} alone, input that is in
 * timestamp order per key (for example KDA's ingestion-time {@code ROWTIME}) gives exactly the same
 * windows. An element that arrives before a later element of its key joins the open window that
 * contains its timestamp, or otherwise opens a window of its own; it never changes other windows.
 */
@PublicEvolving
public class EventTimeStaggerWindows extends StaggerWindowAssigner {

    private static final long serialVersionUID = 1L;

    private EventTimeStaggerWindows(Duration size) {
        super(size);
    }

    /**
     * Creates stagger windows of the given size on event time.
     *
     * @param size the length of each window, measured from the element that opens it; positive
     * @throws IllegalArgumentException if {@code size} is not positive or has no whole millisecond
     */
    public static EventTimeStaggerWindows of(Duration size) {
        return new EventTimeStaggerWindows(size);
    }

    /**
     * Windows a keyed stream into these stagger windows, exact for out-of-order input: the same
     * windows as the input sorted by timestamp, as long as elements arrive ahead of the watermark.
     *
     * <p>The result is Flink's own {@link WindowedStream}: every window function, trigger, evictor,
     * allowed lateness and late side output works as usual. In front of the window operator, a
     * keyed operator makes each key's elements reach it as if in timestamp order: an element inside
     * the key's open window (whose start the watermark has passed) goes straight through; an
     * element that may open a new window is held until the watermark passes it and then emitted in
     * timestamp order (see the package's {@code StaggerTimestampOrder}). Windows therefore open
     * exactly where the sorted input opens them, and fire at the same watermark as without
     * reordering. What is held is at most the elements of the out-of-orderness bound that lie
     * beyond their key's open window.
     *
     * <p>The ordering operator and the window operator must run with the same parallelism (they are
     * chained); set parallelism on the environment or on the upstream stream, not on the window
     * result alone.
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @return Flink's windowed stream over the timestamp-ordered input
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <T, K> WindowedStream<T, K, TimeWindow> window(KeyedStream<T, K> input) {
        WindowArguments.notNull(input, "the keyed stream");
        TypeInformation<T> type = input.getType();
        DataStream<T> ordered =
                input.process(new StaggerTimestampOrder<K, T>(getSize(), type), type)
                        .name("StaggerOrder")
                        .setDescription(
                                "holds elements that may open a stagger window until the "
                                        + "watermark passes them, then emits them in "
                                        + "timestamp order");
        KeyedStream<T, K> reKeyed =
                DataStreamUtils.reinterpretAsKeyedStream(
                        ordered, input.getKeySelector(), input.getKeyType());
        return reKeyed.window(this);
    }

    /**
     * These stagger windows with incremental aggregation in one dedicated operator: the same
     * windows as {@link #window}, faster, for {@code aggregate} and {@code reduce} (see {@link
     * StaggerWindowedStream} for what it does not offer).
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <T, K> StaggerWindowedStream<T, K> incremental(KeyedStream<T, K> input) {
        return new StaggerWindowedStream<>(input, getSize());
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            Object element, long timestamp, WindowAssignerContext context) {
        if (timestamp == Long.MIN_VALUE) {
            throw new IllegalStateException(
                    "Record has no timestamp (Long.MIN_VALUE). Stagger windows on event time need a "
                            + "WatermarkStrategy with a timestamp assigner, or use "
                            + "ProcessingTimeStaggerWindows.");
        }
        return Collections.singletonList(new TimeWindow(timestamp, timestamp + getSize()));
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
