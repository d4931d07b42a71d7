package dev.flinkkda.kda.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A checkpoint of a keyed step from before {@link RowKey}, keyed by the key row itself, restores
 * into a step keyed by {@code RowKey}: the same key bytes, so the same state per key.
 */
class RowKeyRestoreTest {

    private static final TypeInformation<Row> TYPE = RowKeyTest.MINUTE_AND_TICKER;
    private static final Row TAAA = Row.of(LocalDateTime.of(2018, 8, 1, 11, 0), "TAAA");
    private static final Row TAAB = Row.of(LocalDateTime.of(2018, 8, 1, 11, 0), "TAAB");
    private static final Row TAAC = Row.of(LocalDateTime.of(2018, 8, 1, 11, 1), "TAAA");

    @Test
    void aCheckpointKeyedByRowsRestoresKeyedByRowKeys() throws Exception {
        OperatorSubtaskState keyedByRows;
        try (KeyedOneInputStreamOperatorTestHarness<Row, Row, Long> before =
                harness(row -> row, TYPE)) {
            before.open();
            before.processElement(TAAA, 1);
            before.processElement(TAAA, 2);
            before.processElement(TAAB, 3);
            keyedByRows = before.snapshot(1, 4);
            assertThat(before.extractOutputValues()).containsExactly(1L, 2L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<RowKey, Row, Long> after =
                harness(RowKey::of, RowKeyTypeInfo.of(TYPE))) {
            after.initializeState(keyedByRows);
            after.open();
            after.processElement(Row.of(LocalDateTime.of(2018, 8, 1, 11, 0), "TAAA"), 5);
            after.processElement(TAAB, 6);
            after.processElement(TAAC, 7);
            // counts go on from the checkpoint: TAAA's third row, TAAB's second, a new key's first
            assertThat(after.extractOutputValues()).containsExactly(3L, 2L, 1L);
        }
    }

    @Test
    void aCheckpointKeyedByOtherColumnsIsRefused() throws Exception {
        TypeInformation<Row> otherColumns =
                ExternalTypeInfo.of(
                        DataTypes.ROW(DataTypes.FIELD("TICKER_SYMBOL", DataTypes.VARCHAR(4)))
                                .bridgedTo(Row.class));
        OperatorSubtaskState keyedByOtherRows;
        try (KeyedOneInputStreamOperatorTestHarness<Row, Row, Long> before =
                harness(row -> Row.of(row.getField(1)), otherColumns)) {
            before.open();
            before.processElement(TAAA, 1);
            keyedByOtherRows = before.snapshot(1, 2);
        }
        try (KeyedOneInputStreamOperatorTestHarness<RowKey, Row, Long> after =
                harness(RowKey::of, RowKeyTypeInfo.of(TYPE))) {
            assertThatThrownBy(
                            () -> {
                                after.initializeState(keyedByOtherRows);
                                after.open();
                            })
                    .hasStackTraceContaining("key serializer");
        }
    }

    @Test
    void theRowSerializersSnapshotIsCompatibleAsIs() throws Exception {
        TypeSerializer<Row> rows = TYPE.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, rows.snapshotConfiguration());
        @SuppressWarnings("unchecked")
        TypeSerializerSnapshot<RowKey> oldSnapshot =
                (TypeSerializerSnapshot<RowKey>)
                        (TypeSerializerSnapshot<?>)
                                TypeSerializerSnapshot.readVersionedSnapshot(
                                        new DataInputDeserializer(out.getCopyOfBuffer()),
                                        getClass().getClassLoader());

        TypeSerializer<RowKey> keys =
                RowKeyTypeInfo.of(TYPE).createSerializer(new SerializerConfigImpl());
        assertThat(
                        keys.snapshotConfiguration()
                                .resolveSchemaCompatibility(oldSnapshot)
                                .isCompatibleAsIs())
                .isTrue();
    }

    private static <K> KeyedOneInputStreamOperatorTestHarness<K, Row, Long> harness(
            KeySelector<Row, K> keys, TypeInformation<K> keyType) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CountPerKey<K>()), keys, keyType);
    }

    /** The number of rows of each key so far, kept in keyed state. */
    private static final class CountPerKey<K> extends KeyedProcessFunction<K, Row, Long> {

        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Row row, Context context, Collector<Long> out) throws Exception {
            Long seen = count.value();
            long now = seen == null ? 1 : seen + 1;
            count.update(now);
            out.collect(now);
        }
    }
}
