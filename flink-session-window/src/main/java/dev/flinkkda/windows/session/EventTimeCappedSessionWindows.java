package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.assigners.SessionWindowTimeGapExtractor;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;

/**
 * Session windows on event time with an optional <em>maximum duration</em> (eKuiper's {@code
 * SESSIONWINDOW(unit, maxDuration, timeout)}), and fixed or per-element gaps.
 *
 * <p>Per key, a session opens at its first element and stays open while the next element comes
 * within the gap of the last one; a larger gap closes it at {@code last + gap} (a gap exactly equal
 * keeps it open, as with Flink's {@code EventTimeSessionWindows}). With a maximum duration, a
 * session that keeps receiving elements is cut — by default at {@code start + maxDuration}, see
 * {@link MaxDurationRule} — and the element at or after the cut opens the next session. Gap 5,
 * maximum 10:
 *
 * <pre>
 *   elements   0  3  7 9     12 14        30 33
 *   windows   [0 ─────── 10)[12 ─── 19)  [30 ─── 38)
 *                        cut       gap           gap
 * </pre>
 *
 * <p>Windows are {@link TimeWindow}s {@code [start, end)}; the default trigger fires when the
 * watermark passes {@code end - 1}. {@code allowedLateness}, {@code sideOutputLateData}, custom
 * triggers, evictors, {@code aggregate}/{@code reduce} and {@code process} work as with Flink's own
 * windows. Without {@link #withMaxDuration}, these are exactly Flink's session windows.
 *
 * <p><b>End of input.</b> The watermark {@code Long.MAX_VALUE} that a bounded input sends at its
 * end fires every session still open, ending where any session ends, at {@code min(last + gap,
 * cut)} — gap 5, maximum 10 (strict):
 *
 * <pre>
 *   elements   1  4  7  9  12 14 | end of input
 *   windows   [1 ──── 11)[12 ─ 19)
 *                     cut       gap
 * </pre>
 *
 * <p><b>Out-of-order input.</b> With a maximum duration, where a session is cut depends on where it
 * starts, so an element that arrives after later ones may move every following cut — which would
 * split accumulators. This assigner never splits: an out-of-order element joins, or bridges,
 * sessions only where the merged session stays within its cut. For exactly the sessions of the
 * timestamp-sorted input, use {@link #window} (an ordering step in front of this assigner) or
 * {@link #incremental} (one dedicated operator). Input in timestamp order per key gives exact
 * sessions with this assigner alone ({@code keyed.window(sessions)}).
 *
 * <pre>{@code
 * EventTimeCappedSessionWindows<Object> sessions =
 *     EventTimeCappedSessionWindows.withGap(Duration.ofMinutes(5)).withMaxDuration(Duration.ofHours(1));
 * sessions.window(clicks.keyBy(Click::user))          // Flink's WindowedStream, exact
 *     .allowedLateness(Duration.ofMinutes(1)).sideOutputLateData(lateClicks)
 *     .aggregate(new CountClicks());
 * sessions.incremental(clicks.keyBy(Click::user))     // the fast path, same sessions
 *     .aggregate(new CountClicks(), new AddSessionBounds());
 * }</pre>
 *
 * @param <T> the element type the gap extractor reads ({@code Object} for a fixed gap)
 */
@PublicEvolving
public final class EventTimeCappedSessionWindows<T> extends CappedSessionWindowAssigner<T> {

    private static final long serialVersionUID = 1L;

    private EventTimeCappedSessionWindows(
            SessionWindowTimeGapExtractor<T> gap, long maxDuration, MaxDurationRule rule) {
        super(gap, maxDuration, rule);
    }

    /**
     * Event-time sessions closed by a gap larger than {@code gap}, not capped until {@link
     * #withMaxDuration} is called.
     *
     * @throws IllegalArgumentException if {@code gap} is not at least 1 millisecond
     */
    public static EventTimeCappedSessionWindows<Object> withGap(Duration gap) {
        return new EventTimeCappedSessionWindows<>(
                new FixedGap(gapMillis(gap)), UNLIMITED, MaxDurationRule.STRICT);
    }

    /**
     * Event-time sessions whose gap each element sets, as Flink's {@code
     * DynamicEventTimeSessionWindows}: a session stays open until the latest {@code t + gap(t)} of
     * its elements. The extractor must return a positive number of milliseconds.
     */
    public static <T> EventTimeCappedSessionWindows<T> withDynamicGap(
            SessionWindowTimeGapExtractor<T> gapExtractor) {
        return new EventTimeCappedSessionWindows<>(gapExtractor, UNLIMITED, MaxDurationRule.STRICT);
    }

    /** These sessions, cut by the {@link MaxDurationRule#STRICT strict} rule. */
    public EventTimeCappedSessionWindows<T> withMaxDuration(Duration maxDuration) {
        return withMaxDuration(maxDuration, MaxDurationRule.STRICT);
    }

    /** These sessions, cut at the given maximum duration by the given rule. */
    public EventTimeCappedSessionWindows<T> withMaxDuration(
            Duration maxDuration, MaxDurationRule rule) {
        return new EventTimeCappedSessionWindows<>(
                getGapExtractor(), maxDurationMillis(maxDuration), rule);
    }

    /**
     * Windows a keyed stream into these sessions, exact for out-of-order input: the same sessions
     * as the input sorted by timestamp, as long as elements arrive ahead of the watermark.
     *
     * <p>The result is Flink's own {@link WindowedStream}: every window function, trigger, evictor,
     * allowed lateness and late side output works as usual. In front of the window operator a keyed
     * operator passes on at once each element that joins its key's open session, and holds the
     * others until the watermark passes them, then emits them in timestamp order (see the package's
     * {@code SessionTimestampOrder}). Without a maximum duration, plain {@code keyed.window(this)}
     * is already exact, as Flink's sessions are.
     *
     * <p>The ordering operator and the window operator must run with the same parallelism (they are
     * chained); set parallelism on the environment or the upstream stream, not on the result alone.
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @return Flink's windowed stream over the timestamp-ordered input
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <E extends T, K> WindowedStream<E, K, TimeWindow> window(KeyedStream<E, K> input) {
        WindowArguments.notNull(input, "the keyed stream");
        TypeInformation<E> type = input.getType();
        DataStream<E> ordered =
                input.transform("SessionOrder", type, new SessionTimestampOrder<K, E>(this, type))
                        .setDescription(
                                "holds elements that may open a session until the watermark "
                                        + "passes them, then emits them in timestamp order");
        KeyedStream<E, K> reKeyed =
                DataStreamUtils.reinterpretAsKeyedStream(
                        ordered, input.getKeySelector(), input.getKeyType());
        return reKeyed.window(this);
    }

    /**
     * These sessions with incremental aggregation in one dedicated operator: the same sessions as
     * {@link #window}, faster, for {@code aggregate} and {@code reduce} (see {@link
     * CappedSessionWindowedStream} for what it does not offer).
     *
     * @param input the keyed stream; its elements must carry event timestamps
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <E extends T, K> CappedSessionWindowedStream<E, K> incremental(KeyedStream<E, K> input) {
        return new CappedSessionWindowedStream<>(input, this);
    }

    @Override
    long assignedTimestamp(long timestamp, WindowAssignerContext context) {
        if (timestamp == Long.MIN_VALUE) {
            throw new IllegalStateException(
                    "Record has no timestamp (Long.MIN_VALUE). Event-time session windows need a "
                            + "WatermarkStrategy with a timestamp assigner, or use "
                            + "ProcessingTimeCappedSessionWindows.");
        }
        return timestamp;
    }

    @Override
    public Trigger<T, TimeWindow> getDefaultTrigger() {
        @SuppressWarnings("unchecked")
        Trigger<T, TimeWindow> trigger =
                (Trigger<T, TimeWindow>) (Trigger<?, ?>) EventTimeTrigger.create();
        return trigger;
    }

    @Override
    public boolean isEventTime() {
        return true;
    }
}
