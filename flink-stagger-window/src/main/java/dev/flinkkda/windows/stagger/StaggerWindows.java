package dev.flinkkda.windows.stagger;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time stagger windows that are exact for out-of-order input: the same windows as the same
 * input sorted by timestamp, as long as elements arrive ahead of the watermark.
 *
 * <pre>{@code
 * WindowedStream<Trade, String, TimeWindow> windows =
 *     StaggerWindows.window(trades.keyBy(Trade::ticker), EventTimeStaggerWindows.of(Duration.ofMinutes(1)));
 * windows.allowedLateness(Duration.ofSeconds(30)).sideOutputLateData(lateTag).aggregate(new CountTrades());
 * }</pre>
 *
 * <p>The result is Flink's own {@link WindowedStream}: every window function, trigger, evictor,
 * allowed lateness and late side output works as usual. In front of the window operator, a keyed
 * operator makes each key's elements reach it as if in timestamp order: an element inside the key's
 * open window (whose start the watermark has passed) goes straight through; an element that may
 * open a new window is held until the watermark passes it and then emitted in timestamp order (see
 * the package's {@code StaggerTimestampOrder}). {@link EventTimeStaggerWindows} therefore opens
 * exactly the windows the sorted input opens, and windows fire at the same watermark as without
 * reordering. What is held is at most the elements of the out-of-orderness bound that lie beyond
 * their key's open window; the window state itself stays one accumulator per open window.
 *
 * <p>The ordering operator and the window operator must run with the same parallelism (they are
 * chained); set parallelism on the environment or on the upstream stream, not on the window result
 * alone.
 */
@PublicEvolving
public final class StaggerWindows {

    private StaggerWindows() {}

    /**
     * Event-time stagger windows with incremental aggregation in one dedicated operator: the same
     * windows as {@link #window}, faster, for {@code aggregate} and {@code reduce} (see {@link
     * StaggerWindowedStream} for what it does not offer).
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @param windows the stagger windows, e.g. {@code EventTimeStaggerWindows.of(Duration)}
     */
    public static <T, K> StaggerWindowedStream<T, K> incremental(
            KeyedStream<T, K> input, EventTimeStaggerWindows windows) {
        return new StaggerWindowedStream<>(input, windows);
    }

    /**
     * Windows a keyed stream into event-time stagger windows, exact for out-of-order input.
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @param assigner the stagger windows, e.g. {@code EventTimeStaggerWindows.of(Duration)}
     * @return Flink's windowed stream over the timestamp-ordered input
     */
    public static <T, K> WindowedStream<T, K, TimeWindow> window(
            KeyedStream<T, K> input, EventTimeStaggerWindows assigner) {
        TypeInformation<T> type = input.getType();
        DataStream<T> ordered =
                input.process(new StaggerTimestampOrder<K, T>(assigner.getSize(), type), type)
                        .name("StaggerOrder")
                        .setDescription(
                                "holds elements that may open a stagger window until the "
                                        + "watermark passes them, then emits them in "
                                        + "timestamp order");
        KeyedStream<T, K> reKeyed =
                DataStreamUtils.reinterpretAsKeyedStream(
                        ordered, input.getKeySelector(), input.getKeyType());
        return reKeyed.window(assigner);
    }
}
