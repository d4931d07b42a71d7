package dev.flinkkda.analytics.sketches;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.types.Row;

import java.util.List;

/**
 * {@code TOP_K_ITEMS(x, k)}: the {@code k} most frequent non-NULL values of {@code x} in a group
 * with their counts, KDA's {@code TOP_K_ITEMS_TUMBLING} as a Flink SQL aggregate. The result is an
 * {@code ARRAY<ROW<ITEM STRING, ITEM_COUNT BIGINT>>} of at most {@code k} rows, by count
 * descending, equal counts by {@code ITEM} ascending (Java's {@code String} order); the semantics
 * are the DataStream {@link TopKItems}': exact counts while the group has at most {@code max(10000,
 * k)} distinct values, then DataSketches' frequent items sketch (no frequent value missed, counts
 * off by at most 0.011 % of the group's rows).
 *
 * <pre>{@code
 * SELECT window_start, window_end, TOP_K_ITEMS(ticker, 3) AS top3
 * FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
 * GROUP BY window_start, window_end
 * -- top3: [(AAPL, 41), (AMZN, 38), (MSFT, 38)];  t.top3[1].ITEM is 'AAPL'
 * }</pre>
 *
 * <p>{@code x} is a character string or an integer (an integer's item is its decimal text, as
 * {@code CAST(x AS STRING)}; cast other types). {@code k} is an integer constant, {@code 1 <= k <=
 * 100000}; anything else fails planning with a {@code ValidationException}. {@code merge} is
 * implemented ({@code TUMBLE}, {@code HOP}, {@code CUMULATE}, two-phase aggregation); retraction is
 * not (a sketch cannot forget a value).
 *
 * <p>The accumulator is a {@code RAW} type with its own serializer ({@link
 * TopKItemsAccumulator.Serializer}), so it is checkpointed without Kryo.
 */
@PublicEvolving
public final class TopKItemsFunction extends AggregateFunction<Row[], TopKItemsAccumulator> {

    private static final long serialVersionUID = 1L;

    /** The SQL name under which the {@code kda} module offers it. */
    public static final String NAME = "TOP_K_ITEMS";

    /** The result's type. */
    public static final DataType RESULT_TYPE =
            DataTypes.ARRAY(
                    DataTypes.ROW(
                            DataTypes.FIELD("ITEM", DataTypes.STRING()),
                            DataTypes.FIELD("ITEM_COUNT", DataTypes.BIGINT())));

    /** The accumulator's type: {@code RAW} with its own serializer. */
    public static final DataType ACCUMULATOR_TYPE =
            DataTypes.RAW(TopKItemsAccumulator.class, TopKItemsAccumulator.Serializer.INSTANCE);

    /** The DataStream function of the K last used: its exact limit, sketch size and ordering. */
    private transient TopKItems<String, String> topK;

    /**
     * For Flink, which instantiates a function by its class: {@code CREATE FUNCTION … AS '…'}, the
     * {@code kda} module.
     */
    public TopKItemsFunction() {}

    /** A new instance, to register, e.g. {@code createTemporarySystemFunction(NAME, create())}. */
    public static TopKItemsFunction create() {
        return new TopKItemsFunction();
    }

    @Override
    public TopKItemsAccumulator createAccumulator() {
        return TopKItemsAccumulator.empty();
    }

    /** Counts a value (its text); NULL is not counted. {@code k} is the call's constant. */
    public void accumulate(TopKItemsAccumulator acc, Object item, Number k) {
        if (acc.k == 0) {
            acc.k = k.intValue();
        }
        if (item != null) {
            topK(acc.k).add(item.toString(), acc.counts);
        }
    }

    /**
     * Adds the other groups' counts (window slices, local aggregates) and leaves them as they are.
     */
    public void merge(TopKItemsAccumulator acc, Iterable<TopKItemsAccumulator> others) {
        for (TopKItemsAccumulator other : others) {
            if (other.k == 0) {
                continue; // no row yet
            }
            acc.k = other.k;
            TopKItems<String, String> items = topK(acc.k);
            acc.counts.addAll(other.counts, items.exactLimit(), items.maxMapSize());
        }
    }

    @Override
    public Row[] getValue(TopKItemsAccumulator acc) {
        if (acc.k == 0) {
            return new Row[0];
        }
        List<ItemCount<String>> top = topK(acc.k).getResult(acc.counts);
        Row[] rows = new Row[top.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Row.of(top.get(i).item, top.get(i).count);
        }
        return rows;
    }

    private TopKItems<String, String> topK(int k) {
        if (topK == null || topK.k() != k) {
            topK = TopKItems.of(s -> s, Types.STRING, k);
        }
        return topK;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(
                        InputTypeStrategies.sequence(
                                new String[] {"item", "k"},
                                new ArgumentTypeStrategy[] {
                                    SqlItemArgument.stringOrInteger(), TopKArgument.INSTANCE
                                }))
                .accumulatorTypeStrategy(TypeStrategies.explicit(ACCUMULATOR_TYPE))
                .outputTypeStrategy(TypeStrategies.explicit(RESULT_TYPE))
                .build();
    }
}
