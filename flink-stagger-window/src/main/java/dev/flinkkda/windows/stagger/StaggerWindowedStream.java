package dev.flinkkda.windows.stagger;

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
 * Event-time stagger windows with incremental aggregation, run by one dedicated operator: the fast
 * path for {@code aggregate} and {@code reduce}. It gives the same windows as {@link
 * EventTimeStaggerWindows#window} — those of the input sorted by timestamp — without the
 * per-element cost of Flink's merging-window bookkeeping.
 *
 * <pre>{@code
 * EventTimeStaggerWindows.of(Duration.ofMinutes(1)).incremental(trades.keyBy(Trade::ticker))
 *     .allowedLateness(Duration.ofSeconds(30))
 *     .sideOutputLateData(lateTrades)
 *     .aggregate(new CountTrades(), new AddWindowBounds());
 * }</pre>
 *
 * <p>What it does not have, compared with Flink's {@code WindowedStream}: custom triggers and
 * evictors, functions over all elements of a window ({@code process}/{@code apply} without an
 * aggregate), and per-window state in the {@code ProcessWindowFunction}'s context. Use {@link
 * EventTimeStaggerWindows#window} for those.
 *
 * <p>Late elements (behind the watermark): one inside the open window or a window still kept for
 * the allowed lateness joins it (a kept window fires again); one later than all of its key's
 * windows opens a window, which fires at once if its end is behind the watermark; any other goes to
 * the late side output, or is dropped and counted in the {@value LateRecords#DROPPED_METRIC}
 * metric. That is Flink's rule ({@link LateRule#WINDOW_END}, the default); with {@code
 * lateRule(LateRule.ELEMENT_TIMESTAMP)}, eKuiper's, an element at or behind the watermark on
 * arrival ({@code t + allowedLateness <= watermark}) is late even inside the open window:
 *
 * <pre>
 *   size 100, open window [0, 100), watermark 50
 *   element at 40  ─ WINDOW_END: joins [0, 100)     ELEMENT_TIMESTAMP: late
 *   element at 70  ─ joins [0, 100) under both
 * </pre>
 *
 * <p>The exact path ({@link EventTimeStaggerWindows#window}, Flink's {@code WindowedStream}) has
 * Flink's rule.
 *
 * @param <T> element type
 * @param <K> key type
 */
@PublicEvolving
public final class StaggerWindowedStream<T, K>
        extends LateDataWindowedStream<T, K, TimeWindow, StaggerWindowedStream<T, K>> {

    private final long size;

    StaggerWindowedStream(KeyedStream<T, K> input, long size) {
        super(input);
        this.size = size;
    }

    @Override
    protected <ACC, V, R> SingleOutputStreamOperator<R> build(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            TypeInformation<R> resultType) {
        StaggerAggregateOperator<K, T, ACC, V, R> operator =
                new StaggerAggregateOperator<>(
                        size,
                        allowedLateness(),
                        lateRule(),
                        function,
                        accumulatorType,
                        windowFunction,
                        lateDataTag());
        return input.transform("StaggerWindowAggregate", resultType, operator);
    }
}
