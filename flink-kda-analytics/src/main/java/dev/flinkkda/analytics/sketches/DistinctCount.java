package dev.flinkkda.analytics.sketches;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.FlinkRuntimeException;

import java.util.Objects;

/**
 * The number of distinct items per window, KDA's {@code COUNT_DISTINCT_ITEMS_TUMBLING}: exact up to
 * {@value DistinctCountAccumulator#EXACT_LIMIT} distinct items (a set), then a HyperLogLog sketch
 * (DataSketches {@code HllSketch}, {@code lgK = 14}: relative standard error about 0.8 %, within
 * 1.6 % for 95 % of windows). Windows, lateness and checkpoints are Flink's:
 *
 * <pre>{@code
 * DataStream<Long> tickers =
 *     trades.keyBy(Trade::sector)
 *         .window(SketchSettings.tumblingWindows(60))   // or TumblingEventTimeWindows.of(…)
 *         .aggregate(DistinctCount.of(Trade::ticker, Types.STRING));
 * }</pre>
 *
 * <p>Items are compared by their bytes under the item type's Flink serializer, so the item type
 * should serialize deterministically (strings, numbers, POJOs and tuples of them). {@code null}
 * items are not counted, as SQL's {@code COUNT(DISTINCT …)} does not count NULL.
 *
 * @param <IN> the stream's elements
 * @param <T> the items counted
 */
@PublicEvolving
public final class DistinctCount<IN, T>
        implements AggregateFunction<IN, DistinctCountAccumulator, Long> {

    private static final long serialVersionUID = 1L;

    private final KeySelector<IN, T> item;
    private final ItemCodec<T> codec;

    private DistinctCount(KeySelector<IN, T> item, TypeInformation<T> itemType) {
        this.item = Objects.requireNonNull(item, "item selector");
        this.codec = new ItemCodec<>(Objects.requireNonNull(itemType, "item type"));
    }

    /**
     * Counts the distinct values of {@code item} per window.
     *
     * @param item takes the item from an element, e.g. {@code Trade::ticker}
     * @param itemType the item's type, e.g. {@code Types.STRING}
     */
    public static <IN, T> DistinctCount<IN, T> of(
            KeySelector<IN, T> item, TypeInformation<T> itemType) {
        return new DistinctCount<>(item, itemType);
    }

    /** Counts the distinct values of {@code item} per window; {@code TypeInformation.of(class)}. */
    public static <IN, T> DistinctCount<IN, T> of(KeySelector<IN, T> item, Class<T> itemClass) {
        return new DistinctCount<>(item, TypeInformation.of(itemClass));
    }

    /** Counts distinct elements: the element is the item. */
    public static <T> DistinctCount<T, T> ofElements(TypeInformation<T> elementType) {
        return new DistinctCount<>(e -> e, elementType);
    }

    @Override
    public DistinctCountAccumulator createAccumulator() {
        return new DistinctCountAccumulator();
    }

    @Override
    public DistinctCountAccumulator add(IN element, DistinctCountAccumulator acc) {
        T value = select(item, element);
        if (value != null) {
            acc.add(codec.encode(value));
        }
        return acc;
    }

    @Override
    public Long getResult(DistinctCountAccumulator acc) {
        return acc.count();
    }

    @Override
    public DistinctCountAccumulator merge(DistinctCountAccumulator a, DistinctCountAccumulator b) {
        return a.merge(b);
    }

    static <IN, T> T select(KeySelector<IN, T> selector, IN element) {
        try {
            return selector.getKey(element);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot take the item from " + element, e);
        }
    }
}
