package dev.flinkkda.windows.count;

import dev.flinkkda.windows.core.IncrementalWindowedStream;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
public final class CountWindowedStream<T, K> extends IncrementalWindowedStream<T, K, CountWindow> {

    private final CountWindows windows;

    CountWindowedStream(KeyedStream<T, K> input, CountWindows windows) {
        super(input);
        this.windows = windows;
    }

    @Override
    protected <ACC, V, R> SingleOutputStreamOperator<R> build(
            AggregateFunction<T, ACC, V> function,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, CountWindow> windowFunction,
            TypeInformation<R> resultType) {
        return input.transform(
                "CountWindowAggregate",
                resultType,
                new CountAggregateOperator<>(windows, function, accumulatorType, windowFunction));
    }
}
