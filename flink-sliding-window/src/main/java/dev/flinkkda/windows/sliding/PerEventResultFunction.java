package dev.flinkkda.windows.sliding;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The result of a per-event sliding window from the element that fired it and the window's
 * aggregate — an SQL {@code OVER} query's row: the current row's columns and the aggregates over
 * its window. Used with {@link
 * PerEventWindowedStream#aggregate(org.apache.flink.api.common.functions.AggregateFunction,
 * PerEventResultFunction, org.apache.flink.api.common.typeinfo.TypeInformation,
 * org.apache.flink.api.common.typeinfo.TypeInformation)}.
 *
 * <pre>{@code
 * .aggregate(new MinMax(), (reading, minMax, window) -> new Row(reading, minMax), accType, rowType)
 * }</pre>
 *
 * <p>Called once per window fired (and again for each time a late element fires it again, with the
 * same element); a null result emits nothing. The result carries the window's {@code end - 1} as
 * timestamp, the element's time {@code t} without a delay. The element is the one the operator took
 * in (kept in state until its window fires: on processing time it has no timestamp of its own, use
 * {@code window.getEnd() - 1}). A {@link org.apache.flink.api.common.functions.RichFunction} is
 * opened and closed with the operator.
 *
 * @param <T> element type
 * @param <V> the aggregate's result type
 * @param <R> result type
 */
@PublicEvolving
@FunctionalInterface
public interface PerEventResultFunction<T, V, R> extends Function {

    /**
     * The result for one window.
     *
     * @param element the element that fired the window
     * @param aggregate the window's aggregate ({@code AggregateFunction#getResult})
     * @param window the window {@code [t - size, t + max(delay, 1))} of the element at {@code t}
     * @return the result, or null for none
     */
    R apply(T element, V aggregate, TimeWindow window) throws Exception;
}
