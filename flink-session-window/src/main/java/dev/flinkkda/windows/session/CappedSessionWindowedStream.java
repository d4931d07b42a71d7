package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.LateDataWindowedStream;
import dev.flinkkda.windows.core.LateRecords;
import dev.flinkkda.windows.core.LateRule;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time capped session windows with incremental aggregation, run by one dedicated operator:
 * the fast path for {@code aggregate} and {@code reduce}. It gives the same sessions as {@link
 * EventTimeCappedSessionWindows#window} — those of the input sorted by timestamp — without the
 * per-element cost of Flink's merging-window bookkeeping.
 *
 * <pre>{@code
 * EventTimeCappedSessionWindows.withGap(Duration.ofMinutes(5)).withMaxDuration(Duration.ofHours(1))
 *     .incremental(clicks.keyBy(Click::user))
 *     .allowedLateness(Duration.ofMinutes(1))
 *     .sideOutputLateData(lateClicks)
 *     .aggregate(new CountClicks(), new AddSessionBounds());
 * }</pre>
 *
 * <p>What it does not have, compared with Flink's {@code WindowedStream}: custom triggers and
 * evictors, functions over all elements of a window, and per-window state in the {@code
 * ProcessWindowFunction}'s context. Use {@link EventTimeCappedSessionWindows#window} for those.
 *
 * <p>Late elements (behind the watermark): one that joins the open session or a session still kept
 * for the allowed lateness joins it (a kept session fires again, its end possibly extended); one
 * later than all of its key's sessions opens a session, which fires at once if its end is behind
 * the watermark; any other goes to the late side output, or is dropped and counted in the {@value
 * LateRecords#DROPPED_METRIC} metric. Late elements never bridge two sessions here. That is Flink's
 * rule ({@link LateRule#WINDOW_END}, the default); with {@code
 * lateRule(LateRule.ELEMENT_TIMESTAMP)}, eKuiper's, an element at or behind the watermark on
 * arrival ({@code t + allowedLateness <= watermark}) is late even if it would join the open
 * session:
 *
 * <pre>
 *   gap 10, open session [0, 20) (last element 10), watermark 15
 *   element at 12  ─ WINDOW_END: joins, [0, 22)     ELEMENT_TIMESTAMP: late
 *   element at 18  ─ joins under both, [0, 28)
 * </pre>
 *
 * <p>The exact path ({@link EventTimeCappedSessionWindows#window}, Flink's {@code WindowedStream})
 * has Flink's rule.
 *
 * @param <T> element type
 * @param <K> key type
 */
@PublicEvolving
public final class CappedSessionWindowedStream<T, K>
        extends LateDataWindowedStream<T, K, TimeWindow, CappedSessionWindowedStream<T, K>> {

    private final EventTimeCappedSessionWindows<? super T> sessions;

    CappedSessionWindowedStream(
            KeyedStream<T, K> input, EventTimeCappedSessionWindows<? super T> sessions) {
        super(input);
        this.sessions = sessions;
    }

    @Override
    protected <ACC, V, R> SingleOutputStreamOperator<R> build(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            TypeInformation<R> resultType) {
        CappedSessionAggregateOperator<K, T, ACC, V, R> operator =
                new CappedSessionAggregateOperator<>(
                        sessions,
                        allowedLateness(),
                        lateRule(),
                        function,
                        accumulatorType,
                        windowFunction,
                        lateDataTag());
        return input.transform("CappedSessionWindowAggregate", resultType, operator);
    }
}
