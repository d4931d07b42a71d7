package dev.flinkkda.analytics.sketches;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;

/**
 * {@code APPROX_COUNT_DISTINCT(x)}: the number of distinct non-NULL values of {@code x} in a group,
 * KDA's {@code COUNT_DISTINCT_ITEMS_TUMBLING} as a Flink SQL aggregate. Exact up to {@value
 * DistinctCountAccumulator#EXACT_LIMIT} distinct values (KDA's promise), then a HyperLogLog sketch
 * ({@code lgK = 14}, relative standard error about 0.8 %): {@link DistinctCountAccumulator}, the
 * accumulator of the DataStream {@link DistinctCount}.
 *
 * <pre>{@code
 * SELECT window_start, window_end, APPROX_COUNT_DISTINCT(ticker) AS tickers
 * FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
 * GROUP BY window_start, window_end
 * }</pre>
 *
 * <p>{@code x} may be of any predefined scalar type (strings, numbers, booleans, dates, times,
 * timestamps, intervals); values are the same when their bytes under Flink's serializer are (for
 * {@code DOUBLE}, {@code 0.0} and {@code -0.0} count twice). {@code merge} is implemented, so the
 * function runs in window TVF aggregations ({@code TUMBLE}, {@code HOP}, {@code CUMULATE}) and in
 * two-phase (local/global) aggregation. Retraction is not: a sketch cannot forget a value, so a
 * {@code GROUP BY} over an updating input fails planning (Flink finds no {@code retract} method).
 *
 * <p>The accumulator is a {@code RAW} type with its own serializer ({@link
 * DistinctCountAccumulator.Serializer}: the values' bytes, or the sketch's compact bytes), so it is
 * checkpointed without Kryo.
 */
@PublicEvolving
public final class ApproxCountDistinctFunction
        extends AggregateFunction<Long, DistinctCountAccumulator> {

    private static final long serialVersionUID = 1L;

    /** The SQL name under which the {@code kda} module offers it. */
    public static final String NAME = "APPROX_COUNT_DISTINCT";

    /** The accumulator's type: {@code RAW} with its own serializer. */
    public static final DataType ACCUMULATOR_TYPE =
            DataTypes.RAW(
                    DistinctCountAccumulator.class, DistinctCountAccumulator.Serializer.INSTANCE);

    private final SqlValueEncoder encoder = new SqlValueEncoder();

    /**
     * For Flink, which instantiates a function by its class: {@code CREATE FUNCTION … AS '…'}, the
     * {@code kda} module.
     */
    public ApproxCountDistinctFunction() {}

    /** A new instance, to register, e.g. {@code createTemporarySystemFunction(NAME, create())}. */
    public static ApproxCountDistinctFunction create() {
        return new ApproxCountDistinctFunction();
    }

    @Override
    public DistinctCountAccumulator createAccumulator() {
        return new DistinctCountAccumulator();
    }

    /** Adds a value; NULL is not counted. */
    public void accumulate(DistinctCountAccumulator acc, Object item) {
        if (item != null) {
            acc.add(encoder.encode(item));
        }
    }

    /**
     * Adds the other groups' values (window slices, local aggregates) and leaves them as they are.
     */
    public void merge(DistinctCountAccumulator acc, Iterable<DistinctCountAccumulator> others) {
        for (DistinctCountAccumulator other : others) {
            acc.addAll(other);
        }
    }

    @Override
    public Long getValue(DistinctCountAccumulator acc) {
        return acc.count();
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(
                        InputTypeStrategies.sequence(
                                new String[] {"item"},
                                new ArgumentTypeStrategy[] {SqlItemArgument.anyScalar()}))
                .accumulatorTypeStrategy(TypeStrategies.explicit(ACCUMULATOR_TYPE))
                .outputTypeStrategy(TypeStrategies.explicit(DataTypes.BIGINT().notNull()))
                .build();
    }
}
