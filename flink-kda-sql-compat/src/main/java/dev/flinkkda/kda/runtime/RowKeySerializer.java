package dev.flinkkda.kda.runtime;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.Row;

import java.io.IOException;

/**
 * Serializes a {@link RowKey} as its row: the bytes are those of the row serializer it wraps, so
 * keys in a checkpoint are written as they were with the row itself as the key.
 */
public final class RowKeySerializer extends TypeSerializer<RowKey> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<Row> rows;

    /** A serializer of keys whose rows {@code rows} serializes. */
    public RowKeySerializer(TypeSerializer<Row> rows) {
        this.rows = rows;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<RowKey> duplicate() {
        TypeSerializer<Row> duplicate = rows.duplicate();
        return duplicate == rows ? this : new RowKeySerializer(duplicate);
    }

    @Override
    public RowKey createInstance() {
        return RowKey.of(rows.createInstance());
    }

    @Override
    public RowKey copy(RowKey from) {
        return RowKey.of(rows.copy(from.row()));
    }

    @Override
    public RowKey copy(RowKey from, RowKey reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return rows.getLength();
    }

    @Override
    public void serialize(RowKey record, DataOutputView target) throws IOException {
        rows.serialize(record.row(), target);
    }

    @Override
    public RowKey deserialize(DataInputView source) throws IOException {
        return RowKey.of(rows.deserialize(source));
    }

    @Override
    public RowKey deserialize(RowKey reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        rows.copy(source, target);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowKeySerializer serializer && rows.equals(serializer.rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<RowKey> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /**
     * The snapshot of a {@link RowKeySerializer}: its row serializer's. It also accepts the
     * snapshot of the row serializer alone, which keyed the keyed steps before {@link RowKey}: the
     * key bytes are the same, so a checkpoint or savepoint of such a job restores as is.
     */
    public static final class Snapshot
            extends CompositeTypeSerializerSnapshot<RowKey, RowKeySerializer> {

        /** For reading a snapshot. */
        public Snapshot() {}

        Snapshot(RowKeySerializer serializer) {
            super(serializer);
        }

        @Override
        @SuppressWarnings("unchecked")
        public TypeSerializerSchemaCompatibility<RowKey> resolveSchemaCompatibility(
                TypeSerializerSnapshot<RowKey> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot) {
                return super.resolveSchemaCompatibility(oldSnapshot);
            }
            TypeSerializerSnapshot<Row> rows =
                    (TypeSerializerSnapshot<Row>) getNestedSerializerSnapshots()[0];
            TypeSerializerSnapshot<Row> oldRows =
                    (TypeSerializerSnapshot<Row>) (TypeSerializerSnapshot<?>) oldSnapshot;
            return rows.resolveSchemaCompatibility(oldRows).isCompatibleAsIs()
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(RowKeySerializer outer) {
            return new TypeSerializer<?>[] {outer.rows};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected RowKeySerializer createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new RowKeySerializer((TypeSerializer<Row>) nested[0]);
        }
    }
}
