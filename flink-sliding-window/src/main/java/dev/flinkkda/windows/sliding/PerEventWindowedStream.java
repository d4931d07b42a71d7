package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.core.LateDataWindowedStream;
import dev.flinkkda.windows.core.LateRecords;
import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.core.WindowFunctionTypes;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * {@link PerEventSlidingWindows} over a keyed stream, before the function is chosen: {@code
 * aggregate} or {@code reduce}, optionally followed by a {@code ProcessWindowFunction} that gets
 * the key and the window {@code [t - size, t + max(delay, 1))}; or {@code process} with a {@code
 * ProcessWindowFunction} over all elements of each window.
 *
 * <pre>{@code
 * EventTimePerEventSlidingWindows.of(Duration.ofSeconds(60)).incremental(keyed)
 *     .triggeredBy(reading -> reading.isAlarm())   // default: every element fires a window
 *     .allowedLateness(Duration.ofSeconds(5))      // default: zero
 *     .sideOutputLateData(lateReadings)            // default: dropped and counted
 *     .aggregate(new Max());
 * }</pre>
 *
 * <p><b>Late elements</b> (event time, {@link LateRule#ELEMENT_TIMESTAMP}, the only rule these
 * windows take, see {@link #lateRule}): an element at {@code t} is late when {@code t +
 * allowedLateness <= watermark} — without allowed lateness, every element at or behind the
 * watermark, with a delay or not (eKuiper's rule, and Flink SQL's {@code OVER} windows'): it goes
 * to the late side output, or is dropped and counted in {@value LateRecords#DROPPED_METRIC}, even
 * if windows that contain it have not fired yet (a delay does not make an element less late). Size
 * 10, delay 5, an element at 9, watermark 12:
 *
 * <pre>
 *   element 12 → late, though the window of 9, [-1, 14), fires only at 13
 *   element 13 → on time: in the windows of 9 and 13
 * </pre>
 *
 * <p>An element behind the watermark that is not late (allowed lateness) joins every window that
 * contains it and has not passed its cleanup time ({@code end - 1 + allowedLateness}): the windows
 * that already fired fire again at once, with all their elements, and its own window fires at once
 * if its time has passed.
 *
 * <p>On processing time there is no late data, and allowed lateness does nothing.
 *
 * <p><b>The firing element</b>: {@link #aggregate(AggregateFunction, PerEventResultFunction,
 * TypeInformation, TypeInformation)} hands each window's aggregate to a {@link
 * PerEventResultFunction} together with the element that fired the window — an {@code OVER} query's
 * row, the current row's columns and the aggregates:
 *
 * <pre>{@code
 * EventTimePerEventSlidingWindows.of(Duration.ofHours(1)).excludingLaterPeers()
 *     .incremental(trades.keyBy(Trade::ticker))
 *     .aggregate(new AveragePrice(), (trade, avg, window) -> new TradeWithAverage(trade, avg),
 *         Types.POJO(AveragePrice.Accumulator.class), Types.POJO(TradeWithAverage.class));
 * }</pre>
 *
 * @param <T> element type
 * @param <K> key type
 */
@PublicEvolving
public final class PerEventWindowedStream<T, K>
        extends LateDataWindowedStream<T, K, TimeWindow, PerEventWindowedStream<T, K>> {

    private final PerEventSlidingWindows windows;
    private FilterFunction<T> trigger;

    PerEventWindowedStream(KeyedStream<T, K> input, PerEventSlidingWindows windows) {
        super(input);
        this.windows = windows;
    }

    /**
     * Only elements for which {@code trigger} returns true fire a window (eKuiper's {@code OVER
     * (WHEN condition)}); the others are still in the windows. Default: every element fires one.
     */
    public PerEventWindowedStream<T, K> triggeredBy(FilterFunction<T> trigger) {
        if (trigger == null) {
            throw new IllegalArgumentException("the trigger predicate must not be null");
        }
        this.trigger = input.getExecutionEnvironment().clean(trigger);
        return this;
    }

    /**
     * Hands all elements of each window, with the key and the window {@code [t - size, t +
     * max(delay, 1))}, to {@code function}; its results carry the window's {@code end - 1} as
     * timestamp. The elements come in timestamp order, and at one timestamp in arrival order (each
     * firing element is among them; with {@code excludingLaterPeers()}, the window ends at it):
     *
     * <pre>
     *   size 10; arrivals a@3 b@5 x@2, watermark 5   window of b, [-5, 5]: x a b
     * </pre>
     *
     * <p>Works with every setting (trigger predicate, later peers excluded, delay, allowed lateness
     * — a window fired again by a late element comes again with all its elements — late side
     * output, restore). The elements are kept in keyed state, one list per timestamp, until the
     * last window that can hold them is past its cleanup time; each window reads the key's kept
     * lists once (a pass over the key's timestamps and the window's elements), as Flink's window
     * operator reads a window's list. The context has no per-window state ({@code windowState()}
     * throws); {@code globalState()} is the key's.
     *
     * @throws IllegalArgumentException if {@code function} is null
     */
    public <R> SingleOutputStreamOperator<R> process(
            ProcessWindowFunction<T, R, K, TimeWindow> function) {
        if (function == null) {
            throw new IllegalArgumentException("the process window function must not be null");
        }
        return process(function, WindowFunctionTypes.resultType(function, input.getType()));
    }

    /**
     * As {@link #process(ProcessWindowFunction)}, with the result type given, for functions whose
     * type cannot be extracted.
     *
     * @throws IllegalArgumentException if {@code function} or {@code resultType} is null
     */
    public <R> SingleOutputStreamOperator<R> process(
            ProcessWindowFunction<T, R, K, TimeWindow> function, TypeInformation<R> resultType) {
        if (function == null) {
            throw new IllegalArgumentException("the process window function must not be null");
        }
        if (resultType == null) {
            throw new IllegalArgumentException("the result type must not be null");
        }
        return transform(
                new ElementsOfSlice<T>(),
                Types.LIST(input.getType()),
                new ElementsWindowFunction<T, R, K>(
                        input.getExecutionEnvironment().clean(function)),
                null,
                resultType);
    }

    /**
     * Aggregates each window incrementally and passes the aggregate, with the element that fired
     * the window (and the window), to {@code result}; its non-null results are emitted, each with
     * the window's {@code end - 1} as timestamp. Works with every setting (trigger predicate, later
     * peers excluded, delay, allowed lateness — a window fired again by a late element comes with
     * its element again — and restore): the trigger elements are kept in state until their windows
     * fired (and their allowed lateness passed).
     *
     * @param accumulatorType the type of {@code function}'s accumulator (kept in state)
     * @param resultType the type of {@code result}'s results
     */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
            AggregateFunction<T, ACC, V> function,
            PerEventResultFunction<T, V, R> result,
            TypeInformation<ACC> accumulatorType,
            TypeInformation<R> resultType) {
        if (function == null || result == null) {
            throw new IllegalArgumentException(
                    "the aggregate function and the result function must not be null");
        }
        if (accumulatorType == null || resultType == null) {
            throw new IllegalArgumentException(
                    "the accumulator and the result type must not be null");
        }
        return transform(
                input.getExecutionEnvironment().clean(function),
                accumulatorType,
                new FiringElementWindowFunction<T, V, R, K>(
                        input.getExecutionEnvironment().clean(result)),
                input.getType(),
                resultType);
    }

    /**
     * As {@link #aggregate(AggregateFunction, PerEventResultFunction, TypeInformation,
     * TypeInformation)}, with the accumulator type extracted from {@code function}.
     */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
            AggregateFunction<T, ACC, V> function,
            PerEventResultFunction<T, V, R> result,
            TypeInformation<R> resultType) {
        return aggregate(
                function,
                result,
                TypeExtractor.getAggregateFunctionAccumulatorType(
                        function, input.getType(), null, false),
                resultType);
    }

    /**
     * Per-event sliding windows take only {@link LateRule#ELEMENT_TIMESTAMP} (eKuiper's rule, their
     * default): an element at {@code t} is late when {@code t + allowedLateness <= watermark}.
     *
     * <p>Flink's rule ({@link LateRule#WINDOW_END}: late only when every window that contains the
     * element has fired and its lateness passed) has no useful meaning here: the windows that
     * contain an element at {@code t} include those of elements still to come, up to {@code t +
     * size}, so every element less than {@code size} behind the watermark would still be on time —
     * with a window of a day, a day behind — and each would go into slices already queued (the
     * costly path of late elements). {@link #allowedLateness(java.time.Duration)} says explicitly
     * how far behind the watermark elements may still join windows.
     *
     * @throws IllegalArgumentException for {@link LateRule#WINDOW_END}, or if {@code rule} is null
     */
    @Override
    public PerEventWindowedStream<T, K> lateRule(LateRule rule) {
        if (rule == LateRule.WINDOW_END) {
            throw new IllegalArgumentException(
                    "per-event sliding windows take only LateRule.ELEMENT_TIMESTAMP (eKuiper's"
                            + " rule, their default): under WINDOW_END an element would be on time"
                            + " until it is a whole window size behind the watermark, since the"
                            + " windows of elements still to come contain it; use allowedLateness"
                            + " to let elements behind the watermark join windows");
        }
        return super.lateRule(rule);
    }

    /** eKuiper's rule: an element at or behind the watermark on arrival is late. */
    @Override
    protected LateRule defaultLateRule() {
        return LateRule.ELEMENT_TIMESTAMP;
    }

    @Override
    protected <ACC, V, R> SingleOutputStreamOperator<R> build(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            TypeInformation<R> resultType) {
        return transform(function, accumulatorType, windowFunction, null, resultType);
    }

    /**
     * The operator; {@code firingElementType} non-null for a {@link FiringElementWindowFunction}.
     */
    private <ACC, V, R> SingleOutputStreamOperator<R> transform(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            TypeInformation<T> firingElementType,
            TypeInformation<R> resultType) {
        return input.transform(
                "PerEventSlidingAggregate",
                resultType,
                new PerEventSlidingAggregateOperator<>(
                        windows,
                        trigger,
                        windows.isEventTime() ? allowedLateness() : 0,
                        function,
                        accumulatorType,
                        windowFunction,
                        firingElementType,
                        lateDataTag()));
    }
}
