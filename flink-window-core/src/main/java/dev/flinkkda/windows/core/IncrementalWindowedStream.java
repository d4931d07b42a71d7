package dev.flinkkda.windows.core;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.Window;

/**
 * The {@code aggregate} and {@code reduce} calls of the window modules' incremental paths, as on
 * Flink's {@code WindowedStream}: an aggregate or reduce function, optionally followed by a {@link
 * ProcessWindowFunction} that gets the key and the window. Subclasses build the operator.
 *
 * @param <T> element type
 * @param <K> key type
 * @param <W> the window the window function sees
 */
@PublicEvolving
public abstract class IncrementalWindowedStream<T, K, W extends Window> {

    protected final KeyedStream<T, K> input;

    /**
     * @throws IllegalArgumentException if {@code input} is null
     */
    protected IncrementalWindowedStream(KeyedStream<T, K> input) {
        this.input = WindowArguments.notNull(input, "the keyed stream");
    }

    /** Aggregates each window incrementally and emits the aggregate. */
    public <ACC, V> SingleOutputStreamOperator<V> aggregate(AggregateFunction<T, ACC, V> function) {
        return aggregate(function, new PassThroughWindowFunction<>(), aggregateType(function));
    }

    /**
     * Aggregates each window incrementally and passes the aggregate, with the key and the window,
     * to {@code windowFunction}.
     */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
            AggregateFunction<T, ACC, V> function,
            ProcessWindowFunction<V, R, K, W> windowFunction) {
        return aggregate(
                function,
                windowFunction,
                WindowFunctionTypes.resultType(windowFunction, aggregateType(function)));
    }

    /** As {@link #aggregate(AggregateFunction, ProcessWindowFunction)}, with the result type. */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
            AggregateFunction<T, ACC, V> function,
            ProcessWindowFunction<V, R, K, W> windowFunction,
            TypeInformation<R> resultType) {
        TypeInformation<ACC> accumulatorType =
                TypeExtractor.getAggregateFunctionAccumulatorType(
                        function, input.getType(), null, false);
        return aggregate(function, windowFunction, accumulatorType, resultType);
    }

    /**
     * As {@link #aggregate(AggregateFunction, ProcessWindowFunction)}, with the accumulator and
     * result types given (as Flink's {@code WindowedStream.aggregate} takes them), for functions
     * whose types cannot be extracted, such as rows.
     */
    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
            AggregateFunction<T, ACC, V> function,
            ProcessWindowFunction<V, R, K, W> windowFunction,
            TypeInformation<ACC> accumulatorType,
            TypeInformation<R> resultType) {
        return build(
                input.getExecutionEnvironment().clean(function),
                accumulatorType,
                input.getExecutionEnvironment().clean(windowFunction),
                resultType);
    }

    /** Reduces each window incrementally and emits the reduced value. */
    public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> function) {
        return reduce(function, new PassThroughWindowFunction<>(), input.getType());
    }

    /**
     * Reduces each window incrementally and passes the reduced value, with the key and the window,
     * to {@code windowFunction}.
     */
    public <R> SingleOutputStreamOperator<R> reduce(
            ReduceFunction<T> function, ProcessWindowFunction<T, R, K, W> windowFunction) {
        return reduce(
                function,
                windowFunction,
                WindowFunctionTypes.resultType(windowFunction, input.getType()));
    }

    private <R> SingleOutputStreamOperator<R> reduce(
            ReduceFunction<T> function,
            ProcessWindowFunction<T, R, K, W> windowFunction,
            TypeInformation<R> resultType) {
        return build(
                new ReduceAsAggregate<>(input.getExecutionEnvironment().clean(function)),
                input.getType(),
                input.getExecutionEnvironment().clean(windowFunction),
                resultType);
    }

    private <ACC, V> TypeInformation<V> aggregateType(AggregateFunction<T, ACC, V> function) {
        return TypeExtractor.getAggregateFunctionReturnType(function, input.getType(), null, false);
    }

    /** The operator for these windows, its functions already cleaned. */
    protected abstract <ACC, V, R> SingleOutputStreamOperator<R> build(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, W> windowFunction,
            TypeInformation<R> resultType);
}
