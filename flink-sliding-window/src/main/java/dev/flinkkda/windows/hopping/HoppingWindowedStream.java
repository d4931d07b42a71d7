package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.LateDataWindowedStream;
import dev.flinkkda.windows.core.LateRecords;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time hopping windows with incremental aggregation, run by one dedicated operator: the fast
 * path for {@code aggregate} and {@code reduce} (optionally followed by a {@code
 * ProcessWindowFunction} that gets the key and the {@link TimeWindow}).
 *
 * <pre>{@code
 * EventTimeHoppingWindows.of(Duration.ofSeconds(60), Duration.ofMillis(500))
 *     .incremental(readings.keyBy(Reading::sensor))
 *     .allowedLateness(Duration.ofSeconds(5))
 *     .sideOutputLateData(lateReadings)
 *     .aggregate(new Average());   // or .aggregate(f, windowFunction), .reduce(f), .reduce(f, windowFunction)
 * }</pre>
 *
 * <p>Each element is added once to the accumulator of its slice: a pane of {@code gcd(size, hop)}
 * when windows overlap, the one window it falls in otherwise. A window's result is combined from
 * its panes when it fires, with a constant number of merges per pane (two stacks), so the cost per
 * element and per window does not grow with {@code size / hop}. Elements in a gap between windows
 * (or before the start instant) are counted in the {@value
 * EventTimeHoppingWindows#ELEMENTS_IN_GAPS_METRIC} metric and dropped. Empty windows are never
 * emitted; results carry the window's {@code end - 1}.
 *
 * <p>Late elements (their slice is complete: the watermark has passed its end): an element joins
 * every window that contains it whose {@code end - 1 + allowedLateness} is after the watermark;
 * those of them already past {@code end - 1} fire again at once (with everything they contain), the
 * others fire on time. An element with no such window goes to the late side output, or is dropped
 * and counted in {@value LateRecords#DROPPED_METRIC}. These are the rules of Flink's window
 * operator with {@link EventTimeHoppingWindows}; a late element costs up to one merge per pane of
 * its windows. With {@code lateRule(LateRule.ELEMENT_TIMESTAMP)} (eKuiper's rule), an element with
 * {@code t + allowedLateness <= watermark} on arrival is late too, even if a window of it has not
 * fired.
 *
 * <p>What it does not have, compared with Flink's {@code WindowedStream}: custom triggers and
 * evictors, functions over all elements of a window ({@code process}/{@code apply} without an
 * aggregate), and per-window state in the {@code ProcessWindowFunction}'s context. Use {@code
 * keyedStream.window(EventTimeHoppingWindows…)} for those.
 *
 * @param <T> element type
 * @param <K> key type
 */
@PublicEvolving
public final class HoppingWindowedStream<T, K>
        extends LateDataWindowedStream<T, K, TimeWindow, HoppingWindowedStream<T, K>> {

    private final HoppingGrid grid;
    private final boolean alignedToFirstElement;

    HoppingWindowedStream(KeyedStream<T, K> input, EventTimeHoppingWindows windows) {
        super(input);
        this.grid = windows.grid();
        this.alignedToFirstElement = windows.getAlignment() == HoppingAlignment.FIRST_ELEMENT;
    }

    @Override
    protected <ACC, V, R> SingleOutputStreamOperator<R> build(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            TypeInformation<R> resultType) {
        HoppingAggregateOperator<K, T, ACC, V, R> operator =
                grid.hasPanes()
                        ? new HoppingPaneAggregateOperator<>(
                                grid,
                                alignedToFirstElement,
                                lateRule(),
                                allowedLateness(),
                                function,
                                accumulatorType,
                                windowFunction,
                                lateDataTag())
                        : new HoppingWindowAggregateOperator<>(
                                grid,
                                alignedToFirstElement,
                                lateRule(),
                                allowedLateness(),
                                function,
                                accumulatorType,
                                windowFunction,
                                lateDataTag());
        return input.transform("HoppingWindowAggregate", resultType, operator);
    }
}
