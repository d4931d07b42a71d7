package dev.flinkkda.windows.predicate;

import dev.flinkkda.windows.core.IncrementalWindowedStream;
import dev.flinkkda.windows.core.WindowFunctionTypes;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;

/**
 * A keyed stream in {@link PredicateWindows}, to aggregate, reduce or process each window. Each
 * call puts one operator after the keyed stream.
 *
 * <pre>{@code
 * PredicateWindows.between(Event::isStart, Event::isStop).incremental(events.keyBy(Event::machine))
 *     .aggregate(new CountEvents(), new WithWindow());   // or .aggregate(f), .reduce(f), .reduce(f, windowFunction)
 *
 *   key m1:  start  a  b  stop  c  start  d  stop
 *            [#1 ............]     [#2 ........]      → CountEvents: 4, then 3
 * }</pre>
 *
 * <ul>
 *   <li>{@code aggregate} and {@code reduce} keep one accumulator per key, whatever the length of
 *       the window; the optional {@link ProcessWindowFunction} gets the aggregate, the key and the
 *       {@link PredicateWindow}.
 *   <li>{@link #process} keeps the elements of the open window (in list state) and gives them all,
 *       in arrival order, to the function when the window closes.
 * </ul>
 *
 * <p>Results carry the timestamp of the window's last element (none if it has none). The window
 * function's context has no per-window state (a predicate window fires once); {@code globalState()}
 * is the key's state. All state is keyed state, checkpointed with the job: windows open at a
 * checkpoint go on after a restore, and keep their numbering.
 *
 * @param <T> element type
 * @param <K> key type
 */
@PublicEvolving
public final class PredicateWindowedStream<T, K>
        extends IncrementalWindowedStream<T, K, PredicateWindow> {

    private final PredicateWindows<T> windows;

    PredicateWindowedStream(KeyedStream<T, K> input, PredicateWindows<T> windows) {
        super(input);
        this.windows = windows;
    }

    /**
     * Passes all elements of each window, in arrival order, with the key and the window, to {@code
     * function}.
     *
     * @throws IllegalArgumentException if {@code function} is null
     */
    public <R> SingleOutputStreamOperator<R> process(
            ProcessWindowFunction<T, R, K, PredicateWindow> function) {
        checkNotNull(function);
        return process(function, WindowFunctionTypes.resultType(function, input.getType()));
    }

    /** As {@link #process(ProcessWindowFunction)}, with the result type. */
    public <R> SingleOutputStreamOperator<R> process(
            ProcessWindowFunction<T, R, K, PredicateWindow> function,
            TypeInformation<R> resultType) {
        checkNotNull(function);
        return input.transform(
                "PredicateWindowProcess",
                resultType,
                new PredicateProcessOperator<>(
                        windows, input.getType(), input.getExecutionEnvironment().clean(function)));
    }

    private static void checkNotNull(ProcessWindowFunction<?, ?, ?, ?> function) {
        if (function == null) {
            throw new IllegalArgumentException(
                    "the ProcessWindowFunction given to PredicateWindowedStream must not be null");
        }
    }

    @Override
    protected <ACC, V, R> SingleOutputStreamOperator<R> build(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, PredicateWindow> windowFunction,
            TypeInformation<R> resultType) {
        return input.transform(
                "PredicateWindowAggregate",
                resultType,
                new PredicateAggregateOperator<>(
                        windows, function, accumulatorType, windowFunction));
    }
}
