package dev.flinkkda.analytics.sketches;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.windows.Window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The K most frequent items per window with their counts, KDA's {@code TOP_K_ITEMS_TUMBLING}.
 *
 * <p>Counts are exact (a hash map) while a window has at most {@link #exactLimit()} distinct items:
 * {@code max(10000, K)}. Beyond, DataSketches' frequent items sketch ({@code ItemsSketch}) with a
 * map of {@link #maxMapSize()} entries, the smallest power of two {@code >= 2 * max(10000, K)}
 * (32768 for {@code K <= 10000}); its counts are off by at most {@code 3.5 / maxMapSize} of the
 * window's rows ({@code 0.011 %} at 32768) and heavy items are never missed.
 *
 * <p>The result lists at most K items, by count descending; equal counts by the item's natural
 * order when it is {@link Comparable} (strings, numbers), otherwise by its serialized bytes
 * (unsigned). {@code null} items are not counted.
 *
 * <pre>{@code
 * DataStream<List<ItemCount<String>>> top3 =
 *     trades.keyBy(t -> 0)
 *         .window(SketchSettings.tumblingWindows(60))
 *         .aggregate(TopKItems.of(Trade::ticker, Types.STRING, 3));
 * // [AAPL=41, AMZN=38, MSFT=38] per minute
 * }</pre>
 *
 * @param <IN> the stream's elements
 * @param <T> the items counted
 */
@PublicEvolving
public final class TopKItems<IN, T>
        implements AggregateFunction<IN, TopKAccumulator, List<ItemCount<T>>> {

    private static final long serialVersionUID = 1L;

    /** Distinct items counted exactly at least (more when K is larger). */
    public static final int MIN_EXACT_LIMIT = 10_000;

    private final KeySelector<IN, T> item;
    private final TypeInformation<T> itemType;
    private final ItemCodec<T> codec;
    private final int k;
    private final int exactLimit;
    private final int maxMapSize;

    private TopKItems(KeySelector<IN, T> item, TypeInformation<T> itemType, int k) {
        this.item = Objects.requireNonNull(item, "item selector");
        this.itemType = Objects.requireNonNull(itemType, "item type");
        this.codec = new ItemCodec<>(itemType);
        this.k = SketchSettings.checkK(k);
        this.exactLimit = Math.max(MIN_EXACT_LIMIT, k);
        this.maxMapSize = Integer.highestOneBit(2 * exactLimit - 1) << 1;
    }

    /**
     * The {@code k} most frequent values of {@code item} per window.
     *
     * @param item takes the item from an element, e.g. {@code Trade::ticker}
     * @param itemType the item's type, e.g. {@code Types.STRING}
     * @param k how many items, {@code 1 <= k <= 100000}
     * @throws IllegalArgumentException when {@code k} is out of range
     */
    public static <IN, T> TopKItems<IN, T> of(
            KeySelector<IN, T> item, TypeInformation<T> itemType, int k) {
        return new TopKItems<>(item, itemType, k);
    }

    /** {@link #of(KeySelector, TypeInformation, int)} with {@code TypeInformation.of(class)}. */
    public static <IN, T> TopKItems<IN, T> of(KeySelector<IN, T> item, Class<T> itemClass, int k) {
        return new TopKItems<>(item, TypeInformation.of(itemClass), k);
    }

    /** K. */
    public int k() {
        return k;
    }

    /** Distinct items per window up to which counts are exact: {@code max(10000, K)}. */
    public int exactLimit() {
        return exactLimit;
    }

    /** The frequent items sketch's map size once a window has more distinct items. */
    public int maxMapSize() {
        return maxMapSize;
    }

    @Override
    public TopKAccumulator createAccumulator() {
        return new TopKAccumulator();
    }

    @Override
    public TopKAccumulator add(IN element, TopKAccumulator acc) {
        T value = DistinctCount.select(item, element);
        if (value != null) {
            acc.add(codec.encode(value), 1, exactLimit, maxMapSize);
        }
        return acc;
    }

    @Override
    public List<ItemCount<T>> getResult(TopKAccumulator acc) {
        List<Map.Entry<EncodedItem, Long>> candidates = acc.candidates();
        List<ItemCount<T>> rows = new ArrayList<>(candidates.size());
        List<EncodedItem> encoded = new ArrayList<>(candidates.size());
        for (Map.Entry<EncodedItem, Long> e : candidates) {
            rows.add(new ItemCount<>(codec.decode(e.getKey()), e.getValue()));
            encoded.add(e.getKey());
        }
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.<Integer>comparingLong(i -> -rows.get(i).count)
                        .thenComparing((i, j) -> compareItems(rows.get(i).item, rows.get(j).item))
                        .thenComparing(encoded::get));
        List<ItemCount<T>> top = new ArrayList<>(Math.min(k, order.length));
        for (int i = 0; i < order.length && top.size() < k; i++) {
            top.add(rows.get(order[i]));
        }
        return top;
    }

    @Override
    public TopKAccumulator merge(TopKAccumulator a, TopKAccumulator b) {
        return a.merge(b, exactLimit, maxMapSize);
    }

    /**
     * Aggregates each window of {@code windowed} to its top K: {@code windowed.aggregate(this,
     * accumulatorType(), resultType())}. The types are passed because Flink's type extraction
     * cannot see the item type in the result {@code List<ItemCount<T>>}.
     */
    public <K, W extends Window> SingleOutputStreamOperator<List<ItemCount<T>>> aggregate(
            WindowedStream<IN, K, W> windowed) {
        return windowed.aggregate(this, accumulatorType(), resultType());
    }

    /** The accumulator's type, with its own serializer. */
    public TypeInformation<TopKAccumulator> accumulatorType() {
        return new TopKAccumulator.TypeFactory().createTypeInfo(TopKAccumulator.class, Map.of());
    }

    /** The result's type: a list of {@link ItemCount} POJOs of the item type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TypeInformation<List<ItemCount<T>>> resultType() {
        TypeInformation<ItemCount<T>> row =
                (TypeInformation)
                        Types.POJO(ItemCount.class, Map.of("item", itemType, "count", Types.LONG));
        return Types.LIST(row);
    }

    /** Natural order for comparable items of one class; 0 otherwise (bytes decide). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareItems(Object a, Object b) {
        if (a instanceof Comparable && a.getClass() == b.getClass()) {
            return ((Comparable) a).compareTo(b);
        }
        return 0;
    }
}
