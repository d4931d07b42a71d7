package dev.flinkkda.windows.session;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.tuple.Tuple;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session state records ({@link OpenSession}, {@link HeldAggregate}, {@link FiredSession},
 * {@link SessionBounds}) keep the layout of the tuples they replaced: a state written as the old
 * tuple is read as the record, and the record's serializer takes the old serializer's snapshot as
 * compatible as it is — so a savepoint taken before the records restores.
 */
class SessionStateRecordsTest {

    private static final TypeInformation<String> ACC = Types.STRING;

    @Test
    void heldAggregateReadsTheOldTuple2() throws Exception {
        HeldAggregate<String> read =
                readAs(Tuple2.of(15L, "8+8"), Types.TUPLE(Types.LONG, ACC), typeInfo(true));
        assertThat(read.reach()).isEqualTo(15L);
        assertThat(read.accumulator()).isEqualTo("8+8");
    }

    @Test
    void firedSessionReadsTheOldTuple2() throws Exception {
        FiredSession<String> read =
                readAs(Tuple2.of(22L, "0+5+12"), Types.TUPLE(Types.LONG, ACC), typeInfo(false));
        assertThat(read.end()).isEqualTo(22L);
        assertThat(read.accumulator()).isEqualTo("0+5+12");
    }

    @Test
    void sessionBoundsReadTheOldTuple3() throws Exception {
        SessionBounds read =
                readAs(
                        Tuple3.of(0L, 8L, 9L),
                        Types.TUPLE(Types.LONG, Types.LONG, Types.LONG),
                        SessionBounds.typeInfo());
        assertThat(read.start()).isZero();
        assertThat(read.end()).isEqualTo(8L);
        assertThat(read.armedTimer()).isEqualTo(9L);
    }

    @Test
    void openSessionReadsTheOldTuple4() throws Exception {
        OpenSession<String> read =
                readAs(
                        Tuple4.of(3L, 14L, 7L, "3+5+9"),
                        Types.TUPLE(Types.LONG, Types.LONG, Types.LONG, ACC),
                        OpenSession.typeInfo(ACC));
        assertThat(read.start()).isEqualTo(3L);
        assertThat(read.end()).isEqualTo(14L);
        assertThat(read.armedTimer()).isEqualTo(7L);
        assertThat(read.accumulator()).isEqualTo("3+5+9");
    }

    @SuppressWarnings("unchecked")
    private static <R> TypeInformation<R> typeInfo(boolean held) {
        return (TypeInformation<R>)
                (held ? HeldAggregate.typeInfo(ACC) : FiredSession.typeInfo(ACC));
    }

    /**
     * Writes {@code old} with the old tuple type's serializer and reads it with the record's, after
     * checking that the record's serializer takes the old one's snapshot as compatible as is.
     */
    private static <T extends Tuple, R extends Tuple> R readAs(
            T old, TypeInformation<T> oldType, TypeInformation<R> recordType) throws Exception {
        TypeSerializer<T> oldSerializer = oldType.createSerializer(new SerializerConfigImpl());
        TypeSerializer<R> recordSerializer =
                recordType.createSerializer(new SerializerConfigImpl());

        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSchemaCompatibility<R> compatibility =
                recordSerializer
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(
                                (TypeSerializerSnapshot) oldSerializer.snapshotConfiguration());
        assertThat(compatibility.isCompatibleAsIs()).as("compatible as is").isTrue();

        DataOutputSerializer out = new DataOutputSerializer(64);
        oldSerializer.serialize(old, out);
        R read = recordSerializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(read.getClass()).isEqualTo(recordType.getTypeClass());
        return read;
    }
}
