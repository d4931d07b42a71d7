package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.sql.plan.WindowAggregate;
import dev.flinkkda.kda.sql.plan.WindowAggregate.Function;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link RowAggregate}'s aggregates of a stagger window, DISTINCT forms and merge included: rows
 * {@code (x INTEGER, d DOUBLE, b BOOLEAN, m DECIMAL(5,2))}.
 */
class RowAggregateTest {

    private static final List<WindowAggregate> AGGREGATES =
            List.of(
                    WindowAggregate.of(Function.COUNT_ALL, -1, null),
                    WindowAggregate.of(Function.COUNT, 0, DataTypes.INT()),
                    WindowAggregate.distinct(Function.COUNT, 0, DataTypes.INT()),
                    WindowAggregate.of(Function.SUM, 0, DataTypes.INT()),
                    WindowAggregate.distinct(Function.SUM, 0, DataTypes.INT()),
                    WindowAggregate.distinct(Function.AVG, 0, DataTypes.INT()),
                    WindowAggregate.of(Function.VAR_POP, 1, DataTypes.DOUBLE()),
                    WindowAggregate.distinct(Function.VAR_POP, 1, DataTypes.DOUBLE()),
                    WindowAggregate.of(Function.VAR_SAMP, 1, DataTypes.DOUBLE()),
                    WindowAggregate.distinct(Function.STDDEV_SAMP, 1, DataTypes.DOUBLE()),
                    WindowAggregate.of(Function.MAX, 2, DataTypes.BOOLEAN()), // ANY
                    WindowAggregate.of(Function.MIN, 2, DataTypes.BOOLEAN()), // EVERY
                    WindowAggregate.distinct(Function.SUM, 3, DataTypes.DECIMAL(5, 2)),
                    WindowAggregate.distinct(Function.COUNT, 1, DataTypes.DOUBLE()));

    private final RowAggregate aggregate = new RowAggregate(AGGREGATES);

    private static Row row(Integer x, Double d, Boolean b, String m) {
        return Row.of(x, d, b, m == null ? null : new BigDecimal(m));
    }

    private Row add(Row accumulator, Row... rows) {
        for (Row row : rows) {
            accumulator = aggregate.add(row, accumulator);
        }
        return accumulator;
    }

    /**
     * x: 2, 2, null, 4 — COUNT 3, COUNT DISTINCT 2, SUM 8, SUM DISTINCT 6, AVG DISTINCT 3. d: 1, 1,
     * 3, null — VAR_POP of 1, 1, 3: mean 5/3, (4/9 + 4/9 + 16/9) / 3 = 8/9; distinct 1, 3: VAR_POP
     * 1, STDDEV_SAMP √2; VAR_SAMP of 1, 1, 3: (24/9) / 2 = 4/3. b: true, false, null, true — ANY
     * true, EVERY false. m: 1.50, 1.50, 2.25, null — SUM DISTINCT 3.75. d's -0.0 and 0.0 are one
     * value.
     */
    @Test
    void aggregatesOfAWindowWithDistinctValues() {
        Row accumulator =
                add(
                        aggregate.createAccumulator(),
                        row(2, 1.0, true, "1.50"),
                        row(2, 1.0, false, "1.50"),
                        row(null, 3.0, null, "2.25"),
                        row(4, null, true, null));
        assertAll(aggregate.getResult(accumulator));
    }

    private static void assertAll(Row result) {
        assertThat(result.getField(0)).isEqualTo(4L);
        assertThat(result.getField(1)).isEqualTo(3L);
        assertThat(result.getField(2)).isEqualTo(2L);
        assertThat(result.getField(3)).isEqualTo(8L);
        assertThat(result.getField(4)).isEqualTo(6L);
        assertThat(result.getField(5)).isEqualTo(3L);
        assertThat((Double) result.getField(6)).isCloseTo(8.0 / 9, within(1e-12));
        assertThat((Double) result.getField(7)).isCloseTo(1.0, within(1e-12));
        assertThat((Double) result.getField(8)).isCloseTo(4.0 / 3, within(1e-12));
        assertThat((Double) result.getField(9)).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(result.getField(10)).isEqualTo(true);
        assertThat(result.getField(11)).isEqualTo(false);
        assertThat(result.getField(12)).isEqualTo(new BigDecimal("3.75"));
        assertThat(result.getField(13)).isEqualTo(2L);
    }

    /** The same rows split in two accumulators, merged: the same results; the sets are unions. */
    @Test
    void mergeUnitesTheSets() {
        Row older = add(aggregate.createAccumulator(), row(2, 1.0, true, "1.50"));
        Row newer =
                add(
                        aggregate.createAccumulator(),
                        row(2, 1.0, false, "1.50"),
                        row(null, 3.0, null, "2.25"),
                        row(4, null, true, null));
        assertAll(aggregate.getResult(aggregate.merge(older, newer)));
        // the inputs are left as they were
        assertThat(aggregate.getResult(older).getField(2)).isEqualTo(1L);
    }

    /**
     * No rows: counts 0, the rest null; one row: VAR_SAMP and STDDEV_SAMP null (a sample of one),
     * VAR_POP 0; a window of nulls only: COUNT(x) 0, SUM null.
     */
    @Test
    void emptyAndOneRowWindows() {
        Row empty = aggregate.getResult(aggregate.createAccumulator());
        assertThat(empty.getField(0)).isEqualTo(0L);
        assertThat(empty.getField(2)).isEqualTo(0L);
        for (int j : new int[] {3, 4, 5, 6, 7, 8, 9, 10, 11, 12}) {
            assertThat(empty.getField(j)).as("aggregate %d", j).isNull();
        }
        Row one =
                aggregate.getResult(add(aggregate.createAccumulator(), row(null, 5.0, null, null)));
        assertThat(one.getField(0)).isEqualTo(1L);
        assertThat(one.getField(1)).isEqualTo(0L);
        assertThat(one.getField(3)).isNull();
        assertThat(one.getField(4)).isNull();
        assertThat(one.getField(6)).isEqualTo(0.0);
        assertThat(one.getField(8)).isNull();
        assertThat(one.getField(9)).isNull();
    }

    /** The accumulator, sets included, goes through its serializer (checkpoints, RocksDB). */
    @Test
    void accumulatorSurvivesItsSerializer() throws Exception {
        ExternalTypeInfo<Row> type = ExternalTypeInfo.of(RowAggregate.accumulatorType(AGGREGATES));
        TypeSerializer<Row> serializer =
                type.createSerializer(new ExecutionConfig().getSerializerConfig());
        Row older = add(aggregate.createAccumulator(), row(2, -0.0, true, "1.50"));
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(older, out);
        Row copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        Row newer =
                add(
                        copy,
                        row(2, 1.0, false, "1.50"),
                        row(null, 0.0, null, "2.25"),
                        row(4, 1.0, true, null));
        Row result = aggregate.getResult(newer);
        assertThat(result.getField(2)).isEqualTo(2L);
        assertThat(result.getField(12)).isEqualTo(new BigDecimal("3.75"));
        assertThat(result.getField(13)).isEqualTo(2L); // -0.0 and 0.0, then 1.0
    }
}
