package dev.flinkkda.windows.count;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Serializes {@link CountProgress}: the count, the run end, the first timestamp of the open pane, a
 * flag byte (1: a pane is open) and, if one is, its accumulator.
 *
 * <pre>
 *   count 4, open pane [d] at 1004, run end 6:  4 | 6 | 1004 | 1 | [d]
 *   count 3, no open pane,          run end 3:  3 | 3 | MIN  | 0
 * </pre>
 *
 * @param <ACC> accumulator type
 */
@Internal
final class CountProgressSerializer<ACC> extends TypeSerializer<CountProgress<ACC>> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<ACC> accumulatorSerializer;

    CountProgressSerializer(TypeSerializer<ACC> accumulatorSerializer) {
        this.accumulatorSerializer = accumulatorSerializer;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<CountProgress<ACC>> duplicate() {
        TypeSerializer<ACC> duplicate = accumulatorSerializer.duplicate();
        return duplicate == accumulatorSerializer ? this : new CountProgressSerializer<>(duplicate);
    }

    @Override
    public CountProgress<ACC> createInstance() {
        return CountProgress.start(0);
    }

    /** A deep copy: the heap backend copies a value that a running snapshot still reads. */
    @Override
    public CountProgress<ACC> copy(CountProgress<ACC> from) {
        ACC pane = from.openPane();
        return new CountProgress<>(
                from.count(),
                pane == null ? null : accumulatorSerializer.copy(pane),
                from.paneFirstTimestamp(),
                from.runEnd());
    }

    @Override
    public CountProgress<ACC> copy(CountProgress<ACC> from, CountProgress<ACC> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(CountProgress<ACC> record, DataOutputView target) throws IOException {
        target.writeLong(record.count());
        target.writeLong(record.runEnd());
        target.writeLong(record.paneFirstTimestamp());
        ACC pane = record.openPane();
        target.writeBoolean(pane != null);
        if (pane != null) {
            accumulatorSerializer.serialize(pane, target);
        }
    }

    @Override
    public CountProgress<ACC> deserialize(DataInputView source) throws IOException {
        long count = source.readLong();
        long runEnd = source.readLong();
        long paneFirstTimestamp = source.readLong();
        ACC pane = source.readBoolean() ? accumulatorSerializer.deserialize(source) : null;
        return new CountProgress<>(count, pane, paneFirstTimestamp, runEnd);
    }

    @Override
    public CountProgress<ACC> deserialize(CountProgress<ACC> reuse, DataInputView source)
            throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeLong(source.readLong());
        target.writeLong(source.readLong());
        target.writeLong(source.readLong());
        boolean open = source.readBoolean();
        target.writeBoolean(open);
        if (open) {
            accumulatorSerializer.copy(source, target);
        }
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof CountProgressSerializer
                && accumulatorSerializer.equals(
                        ((CountProgressSerializer<?>) obj).accumulatorSerializer);
    }

    @Override
    public int hashCode() {
        return accumulatorSerializer.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<CountProgress<ACC>> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** The accumulator serializer's snapshot, nested. */
    public static final class Snapshot<ACC>
            extends CompositeTypeSerializerSnapshot<
                    CountProgress<ACC>, CountProgressSerializer<ACC>> {

        private static final int VERSION = 1;

        /** For reading a snapshot. */
        public Snapshot() {}

        Snapshot(CountProgressSerializer<ACC> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(CountProgressSerializer<ACC> outer) {
            return new TypeSerializer<?>[] {outer.accumulatorSerializer};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected CountProgressSerializer<ACC> createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new CountProgressSerializer<>((TypeSerializer<ACC>) nested[0]);
        }
    }
}
