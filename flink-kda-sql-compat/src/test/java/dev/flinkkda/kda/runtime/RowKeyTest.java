package dev.flinkkda.kda.runtime;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RowKey} against the row it wraps, the reference: equal exactly when the rows are, the
 * rows' hash (so the same key groups), and serialized as the rows are.
 */
class RowKeyTest {

    static final TypeInformation<Row> MINUTE_AND_TICKER =
            ExternalTypeInfo.of(
                    DataTypes.ROW(
                                    DataTypes.FIELD("M", DataTypes.TIMESTAMP(3)),
                                    DataTypes.FIELD("TICKER_SYMBOL", DataTypes.VARCHAR(4)))
                            .bridgedTo(Row.class));

    @Test
    void equalExactlyWhenTheRowsAreWithTheRowsHash() {
        Random random = new Random(16);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(randomRow(random));
        }
        int equalPairs = 0;
        for (Row a : rows) {
            RowKey keyA = RowKey.of(a);
            assertThat(keyA.hashCode()).isEqualTo(a.hashCode());
            assertThat(KeyGroupRangeAssignment.assignToKeyGroup(keyA, 128))
                    .isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup(a, 128));
            for (Row b : rows) {
                boolean equal = a.equals(b);
                assertThat(keyA.equals(RowKey.of(b))).as("%s vs %s", a, b).isEqualTo(equal);
                equalPairs += equal && a != b ? 1 : 0;
            }
        }
        // the small value ranges below make equal rows of distinct objects common
        assertThat(equalPairs).isGreaterThan(100);
    }

    @Test
    void packsEqualRowsOfKnownTypesToEqualBytesAndOthersNotAtAll() {
        Row minute = Row.of(LocalDateTime.of(2018, 8, 1, 11, 0), "TAAB");
        assertThat(RowKey.pack(minute))
                .isEqualTo(RowKey.pack(Row.of(LocalDateTime.of(2018, 8, 1, 11, 0), "TAAB")))
                .isNotEqualTo(RowKey.pack(Row.of(LocalDateTime.of(2018, 8, 1, 11, 1), "TAAB")));
        // "AB" + null and "A" + "B" differ
        assertThat(RowKey.pack(Row.of("AB", null))).isNotEqualTo(RowKey.pack(Row.of("A", "B")));
        assertThat(RowKey.pack(Row.of(new BigDecimal("1.0")))).isNull();
        assertThat(RowKey.pack(Row.of(new byte[] {1}))).isNull();
        // compared as rows compare them: a decimal's scale counts, arrays by their elements
        assertThat(RowKey.of(Row.of(new BigDecimal("1.0"))))
                .isNotEqualTo(RowKey.of(Row.of(new BigDecimal("1.00"))));
        assertThat(RowKey.of(Row.of(new byte[] {1, 2})))
                .isEqualTo(RowKey.of(Row.of(new byte[] {1, 2})));
    }

    @Test
    void serializesAsTheRowSerializerDoes() throws Exception {
        Row row = Row.of(LocalDateTime.of(2018, 8, 1, 11, 0), "TAAB");
        TypeSerializer<Row> rows = MINUTE_AND_TICKER.createSerializer(new SerializerConfigImpl());
        TypeSerializer<RowKey> keys =
                RowKeyTypeInfo.of(MINUTE_AND_TICKER).createSerializer(new SerializerConfigImpl());

        DataOutputSerializer asRow = new DataOutputSerializer(64);
        rows.serialize(row, asRow);
        DataOutputSerializer asKey = new DataOutputSerializer(64);
        keys.serialize(RowKey.of(row), asKey);
        assertThat(asKey.getCopyOfBuffer()).isEqualTo(asRow.getCopyOfBuffer());

        RowKey read = keys.deserialize(new DataInputDeserializer(asKey.getCopyOfBuffer()));
        assertThat(read.row()).isEqualTo(row);
        assertThat(read).isEqualTo(RowKey.of(row)).hasSameHashCodeAs(RowKey.of(row));
        assertThat(keys.copy(read)).isEqualTo(read).isNotSameAs(read);
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializer<RowKey> keys =
                RowKeyTypeInfo.of(MINUTE_AND_TICKER).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, keys.snapshotConfiguration());
        TypeSerializerSnapshot<RowKey> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        assertThat(restored.restoreSerializer()).isEqualTo(keys);
        TypeSerializerSchemaCompatibility<RowKey> compatibility =
                keys.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    /** A row of the types the key packs, and of some it does not; few values of each. */
    private static Row randomRow(Random random) {
        int shape = random.nextInt(4);
        Object[] fields;
        switch (shape) {
            case 0:
                fields =
                        new Object[] {
                            LocalDateTime.of(2018, 8, 1, 11, random.nextInt(3)),
                            pick(random, "TAAA", "TAAB", null)
                        };
                break;
            case 1:
                fields =
                        new Object[] {
                            pick(random, 1L, 2L, null),
                            pick(random, 1, -1),
                            pick(random, 0.0, -0.0, Double.NaN),
                            pick(random, true, false)
                        };
                break;
            case 2:
                fields =
                        new Object[] {
                            pick(random, LocalDate.of(2018, 8, 1), LocalDate.of(2018, 8, 2)),
                            pick(random, LocalTime.NOON, LocalTime.MIDNIGHT),
                            pick(random, (short) 1, (short) 2),
                            pick(random, (byte) 1, (byte) 2),
                            pick(random, 1.5f, -0.0f)
                        };
                break;
            default:
                fields =
                        new Object[] {
                            pick(random, new BigDecimal("1.0"), new BigDecimal("1.00")),
                            pick(random, "A", "B")
                        };
        }
        return Row.of(fields);
    }

    private static Object pick(Random random, Object... values) {
        return values[random.nextInt(values.length)];
    }
}
