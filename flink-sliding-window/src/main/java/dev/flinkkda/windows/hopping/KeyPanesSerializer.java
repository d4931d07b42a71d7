package dev.flinkkda.windows.hopping;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Serializes {@link KeyPanes}: the watermark reached, the timer armed, the region bounds relative
 * to the oldest pane, each pane's index and accumulator, the front's suffix aggregates and the
 * back's aggregate. Only the kept panes are written, so a restored value starts at index 0.
 */
final class KeyPanesSerializer<ACC> extends TypeSerializer<KeyPanes<ACC>> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<ACC> accumulatorSerializer;

    KeyPanesSerializer(TypeSerializer<ACC> accumulatorSerializer) {
        this.accumulatorSerializer = accumulatorSerializer;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<KeyPanes<ACC>> duplicate() {
        TypeSerializer<ACC> duplicate = accumulatorSerializer.duplicate();
        return duplicate == accumulatorSerializer ? this : new KeyPanesSerializer<>(duplicate);
    }

    @Override
    public KeyPanes<ACC> createInstance() {
        return new KeyPanes<>(4);
    }

    @Override
    public KeyPanes<ACC> copy(KeyPanes<ACC> from) {
        int size = from.size();
        KeyPanes<ACC> to = new KeyPanes<>(Math.max(4, size));
        int shift = -from.head;
        for (int i = from.head; i < from.end; i++) {
            to.ids[i + shift] = from.ids[i];
            to.accumulators[i + shift] = copyOrNull(from.accumulators[i]);
            to.suffixes[i + shift] = copyOrNull(from.suffixes[i]);
        }
        to.head = 0;
        to.front = from.front + shift;
        to.back = from.back + shift;
        to.open = from.open + shift;
        to.end = size;
        to.backAggregate = copyOrNull(from.backAggregate);
        to.time = from.time;
        to.armed = from.armed;
        return to;
    }

    @SuppressWarnings("unchecked")
    private Object copyOrNull(Object accumulator) {
        return accumulator == null ? null : accumulatorSerializer.copy((ACC) accumulator);
    }

    @Override
    public KeyPanes<ACC> copy(KeyPanes<ACC> from, KeyPanes<ACC> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void serialize(KeyPanes<ACC> record, DataOutputView target) throws IOException {
        target.writeLong(record.time);
        target.writeLong(record.armed);
        target.writeInt(record.size());
        target.writeInt(record.front - record.head);
        target.writeInt(record.back - record.head);
        target.writeInt(record.open - record.head);
        for (int i = record.head; i < record.end; i++) {
            target.writeLong(record.ids[i]);
            accumulatorSerializer.serialize((ACC) record.accumulators[i], target);
        }
        for (int i = record.front; i < record.back; i++) {
            accumulatorSerializer.serialize((ACC) record.suffixes[i], target);
        }
        target.writeBoolean(record.backAggregate != null);
        if (record.backAggregate != null) {
            accumulatorSerializer.serialize((ACC) record.backAggregate, target);
        }
    }

    @Override
    public KeyPanes<ACC> deserialize(DataInputView source) throws IOException {
        long time = source.readLong();
        long armed = source.readLong();
        int size = source.readInt();
        KeyPanes<ACC> record = new KeyPanes<>(Math.max(4, size));
        record.time = time;
        record.armed = armed;
        record.front = source.readInt();
        record.back = source.readInt();
        record.open = source.readInt();
        record.end = size;
        for (int i = 0; i < size; i++) {
            record.ids[i] = source.readLong();
            record.accumulators[i] = accumulatorSerializer.deserialize(source);
        }
        for (int i = record.front; i < record.back; i++) {
            record.suffixes[i] = accumulatorSerializer.deserialize(source);
        }
        if (source.readBoolean()) {
            record.backAggregate = accumulatorSerializer.deserialize(source);
        }
        return record;
    }

    @Override
    public KeyPanes<ACC> deserialize(KeyPanes<ACC> reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof KeyPanesSerializer
                && accumulatorSerializer.equals(
                        ((KeyPanesSerializer<?>) obj).accumulatorSerializer);
    }

    @Override
    public int hashCode() {
        return accumulatorSerializer.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<KeyPanes<ACC>> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** The accumulator serializer's snapshot, nested. */
    public static final class Snapshot<ACC>
            extends CompositeTypeSerializerSnapshot<KeyPanes<ACC>, KeyPanesSerializer<ACC>> {

        private static final int VERSION = 1;

        /** For reading a snapshot. */
        public Snapshot() {}

        Snapshot(KeyPanesSerializer<ACC> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(KeyPanesSerializer<ACC> outer) {
            return new TypeSerializer<?>[] {outer.accumulatorSerializer};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected KeyPanesSerializer<ACC> createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new KeyPanesSerializer<>((TypeSerializer<ACC>) nested[0]);
        }
    }
}
