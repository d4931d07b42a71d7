package dev.flinkkda.windows.session;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time session windows with a maximum duration that are exact for out-of-order input: the
 * same sessions as the input sorted by timestamp, as long as elements arrive ahead of the
 * watermark.
 *
 * <pre>{@code
 * EventTimeCappedSessionWindows<Object> sessions =
 *     EventTimeCappedSessionWindows.withGap(Duration.ofMinutes(5)).withMaxDuration(Duration.ofHours(1));
 * CappedSessionWindows.window(clicks.keyBy(Click::user), sessions)
 *     .allowedLateness(Duration.ofMinutes(1)).sideOutputLateData(lateClicks)
 *     .aggregate(new CountClicks());
 * }</pre>
 *
 * <p>{@link #window} returns Flink's own {@link WindowedStream}: every window function, trigger,
 * evictor, allowed lateness and late side output works as usual. In front of the window operator a
 * keyed operator passes on at once each element that joins its key's open session, and holds the
 * others until the watermark passes them, then emits them in timestamp order (see the package's
 * {@code SessionTimestampOrder}). {@link #incremental} does the same in one operator for {@code
 * aggregate} and {@code reduce}, faster.
 *
 * <p>Why: with a maximum duration, an element that arrives after later ones can move where every
 * following session is cut, and a merging window assigner cannot split windows. Without a maximum
 * duration, plain {@code keyedStream.window(assigner)} is already exact, as Flink's sessions are.
 *
 * <p>The ordering operator and the window operator must run with the same parallelism (they are
 * chained); set parallelism on the environment or the upstream stream, not on the result alone.
 */
@PublicEvolving
public final class CappedSessionWindows {

    private CappedSessionWindows() {}

    /**
     * Windows a keyed stream into event-time (capped) sessions, exact for out-of-order input.
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @param sessions the session windows, e.g. {@code EventTimeCappedSessionWindows.withGap(..)}
     * @return Flink's windowed stream over the timestamp-ordered input
     * @throws IllegalArgumentException naming the argument that is null
     */
    public static <T, K> WindowedStream<T, K, TimeWindow> window(
            KeyedStream<T, K> input, EventTimeCappedSessionWindows<? super T> sessions) {
        checkArguments(input, sessions);
        TypeInformation<T> type = input.getType();
        DataStream<T> ordered =
                input.transform(
                                "SessionOrder",
                                type,
                                new SessionTimestampOrder<K, T>(sessions, type))
                        .setDescription(
                                "holds elements that may open a session until the watermark "
                                        + "passes them, then emits them in timestamp order");
        KeyedStream<T, K> reKeyed =
                DataStreamUtils.reinterpretAsKeyedStream(
                        ordered, input.getKeySelector(), input.getKeyType());
        return reKeyed.window(sessions);
    }

    /**
     * Event-time (capped) sessions with incremental aggregation in one dedicated operator: the same
     * sessions as {@link #window}, faster, for {@code aggregate} and {@code reduce} (see {@link
     * CappedSessionWindowedStream} for what it does not offer).
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @param sessions the session windows, e.g. {@code EventTimeCappedSessionWindows.withGap(..)}
     * @throws IllegalArgumentException naming the argument that is null
     */
    public static <T, K> CappedSessionWindowedStream<T, K> incremental(
            KeyedStream<T, K> input, EventTimeCappedSessionWindows<? super T> sessions) {
        checkArguments(input, sessions);
        return new CappedSessionWindowedStream<>(input, sessions);
    }

    private static void checkArguments(KeyedStream<?, ?> input, Object sessions) {
        if (input == null) {
            throw new IllegalArgumentException("the keyed stream must not be null");
        }
        if (sessions == null) {
            throw new IllegalArgumentException("session windows must not be null");
        }
    }
}
