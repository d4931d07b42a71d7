package dev.flinkkda.windows.count;

import dev.flinkkda.windows.core.PassThroughWindowFunction;
import dev.flinkkda.windows.core.ReduceAsAggregate;
import dev.flinkkda.windows.core.WindowFunctionTypes;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;

/**
 * {@link CountWindows} with incremental aggregation in one dedicated operator, whose cost per
 * element and state do not grow with size or stride: partial aggregates per pane of {@code
 * gcd(size, stride)} elements, combined with a constant number of merges per pane; skipped elements
 * of sampling windows are not kept at all.
 *
 * <pre>{@code
 * CountWindows.of(1000, 10).incremental(readings.keyBy(Reading::sensor))
 *     .aggregate(new Average(), new WithSequenceNumbers());   // or .aggregate(f), .reduce(f), .reduce(f, windowFunction)
 * }</pre>
 *
 * <p>The window function gets a {@link CountWindow}: the first and last sequence numbers and
 * timestamps of the window's elements. There is no per-window state in its context; use {@link
 * CountWindows#window} (Flink's windowed stream) for that or for functions over all elements.
 *
 * @param <T> element type
 * @param <K> key type
 */
@PublicEvolving
public final class CountWindowedStream<T, K> {

    private final KeyedStream<T, K> input;
    private final CountWindows windows;

    CountWindowedStream(KeyedStream<T, K> input, CountWindows windows) {
        this.input = input;
        this.windows = windows;
    }

    /** Aggregates each window incrementally and emits the aggregate. */
    public <ACC, V> SingleOutputStreamOperator<V> aggregate(AggregateFunction<T, ACC, V> function) {
        TypeInformation<V> resultType =
                TypeExtractor.getAggregateFunctionReturnType(
                        function, input.getType(), null, false);
        return aggregate(function, new PassThroughWindowFunction<>(), resultType);
    }

    /**
     * Aggregates each window incrementally and passes the aggregate, with the key and the {@link
     * CountWindow}, to {@code windowFunction}.
     */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
            AggregateFunction<T, ACC, V> function,
            ProcessWindowFunction<V, R, K, CountWindow> windowFunction) {
        TypeInformation<V> aggregateType =
                TypeExtractor.getAggregateFunctionReturnType(
                        function, input.getType(), null, false);
        return aggregate(
                function,
                windowFunction,
                WindowFunctionTypes.resultType(windowFunction, aggregateType));
    }

    /** As {@link #aggregate(AggregateFunction, ProcessWindowFunction)}, with the result type. */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
            AggregateFunction<T, ACC, V> function,
            ProcessWindowFunction<V, R, K, CountWindow> windowFunction,
            TypeInformation<R> resultType) {
        TypeInformation<ACC> accumulatorType =
                TypeExtractor.getAggregateFunctionAccumulatorType(
                        function, input.getType(), null, false);
        return build(function, accumulatorType, windowFunction, resultType);
    }

    /** Reduces each window incrementally and emits the reduced value. */
    public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> function) {
        return build(
                new ReduceAsAggregate<>(function),
                input.getType(),
                new PassThroughWindowFunction<>(),
                input.getType());
    }

    /**
     * Reduces each window incrementally and passes the reduced value, with the key and the {@link
     * CountWindow}, to {@code windowFunction}.
     */
    public <R> SingleOutputStreamOperator<R> reduce(
            ReduceFunction<T> function,
            ProcessWindowFunction<T, R, K, CountWindow> windowFunction) {
        return build(
                new ReduceAsAggregate<>(function),
                input.getType(),
                windowFunction,
                WindowFunctionTypes.resultType(windowFunction, input.getType()));
    }

    private <ACC, V, R> SingleOutputStreamOperator<R> build(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, CountWindow> windowFunction,
            TypeInformation<R> resultType) {
        return input.transform(
                "CountWindowAggregate",
                resultType,
                new CountAggregateOperator<>(
                        windows,
                        input.getExecutionEnvironment().clean(function),
                        accumulatorType,
                        input.getExecutionEnvironment().clean(windowFunction)));
    }
}
