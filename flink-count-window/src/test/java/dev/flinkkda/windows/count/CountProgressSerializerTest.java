package dev.flinkkda.windows.count;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CountProgressSerializer}: a progress with and without an open pane survives a round trip
 * (also through {@code copy(source, target)}) and a copy, the copy is deep (the heap state backend
 * copies a value that a running snapshot still reads), and a snapshot of the serializer restores
 * it. Accumulators are mutable lists of the values added, so that a shallow copy would show.
 */
class CountProgressSerializerTest {

    private static final TypeSerializer<List<Long>> LISTS =
            new ListSerializer<>(LongSerializer.INSTANCE);

    private static final CountProgressSerializer<List<Long>> SERIALIZER =
            new CountProgressSerializer<>(LISTS);

    /** Tumbling count(5) after elements 6 and 7 (values 60, 70): pane [60, 70] open, ends at 10. */
    private static CountProgress<List<Long>> withOpenPane() {
        CountProgress<List<Long>> progress = CountProgress.start(0);
        for (int n = 1; n <= 7; n++) {
            progress.countOne();
        }
        progress.openPane(new ArrayList<>(List.of(60L)), 1006L, 10);
        progress.openPane().add(70L);
        return progress;
    }

    /** Sampling of(2, 5) after element 5: no pane open, elements 6..8 in no window. */
    private static CountProgress<List<Long>> inAGap() {
        CountProgress<List<Long>> progress = CountProgress.start(3);
        for (int n = 1; n <= 5; n++) {
            progress.countOne();
        }
        progress.closePane(8);
        return progress;
    }

    private static String show(CountProgress<List<Long>> progress) {
        return progress.count()
                + " "
                + progress.openPane()
                + " "
                + progress.paneFirstTimestamp()
                + " "
                + progress.runEnd();
    }

    private static CountProgress<List<Long>> roundTrip(CountProgress<List<Long>> progress)
            throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(progress, out);
        // and once more through copy(source, target), as RocksDB's state migration does
        DataOutputSerializer copied = new DataOutputSerializer(64);
        SERIALIZER.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        DataInputDeserializer in = new DataInputDeserializer(copied.getCopyOfBuffer());
        CountProgress<List<Long>> read = SERIALIZER.deserialize(in);
        assertThat(in.available()).isZero();
        return read;
    }

    @Test
    void samplesAreWhatTheySay() {
        assertThat(show(withOpenPane())).isEqualTo("7 [60, 70] 1006 10");
        assertThat(show(inAGap())).isEqualTo("5 null " + Long.MIN_VALUE + " 8");
    }

    @Test
    void roundTripWithAnOpenPane() throws Exception {
        assertThat(show(roundTrip(withOpenPane()))).isEqualTo("7 [60, 70] 1006 10");
    }

    @Test
    void roundTripWithoutAnOpenPane() throws Exception {
        assertThat(show(roundTrip(inAGap()))).isEqualTo("5 null " + Long.MIN_VALUE + " 8");
        assertThat(show(roundTrip(CountProgress.start(0))))
                .isEqualTo("0 null " + Long.MIN_VALUE + " 0");
    }

    @Test
    void copyIsDeep() {
        CountProgress<List<Long>> progress = withOpenPane();
        CountProgress<List<Long>> copy = SERIALIZER.copy(progress);
        assertThat(show(copy)).isEqualTo(show(progress));
        assertThat(copy.openPane()).isNotSameAs(progress.openPane());
        copy.countOne();
        copy.openPane().add(80L);
        copy.closePane(8);
        assertThat(show(progress)).isEqualTo("7 [60, 70] 1006 10");
        assertThat(show(SERIALIZER.copy(inAGap(), withOpenPane())))
                .isEqualTo("5 null " + Long.MIN_VALUE + " 8");
    }

    @Test
    void serializersAreEqualByTheirAccumulatorSerializer() {
        assertThat(new CountProgressSerializer<>(LISTS)).isEqualTo(SERIALIZER);
        assertThat(new CountProgressSerializer<>(LISTS)).hasSameHashCodeAs(SERIALIZER);
        assertThat(new CountProgressSerializer<>(StringSerializer.INSTANCE))
                .isNotEqualTo(SERIALIZER);
        assertThat(SERIALIZER.duplicate()).isEqualTo(SERIALIZER);
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<CountProgress<List<Long>>> snapshot =
                SERIALIZER.snapshotConfiguration();
        // written and read back as a checkpoint does, by its class name
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<CountProgress<List<Long>>> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        TypeSerializerSchemaCompatibility<CountProgress<List<Long>>> compatibility =
                new CountProgressSerializer<>(LISTS)
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isEqualTo(SERIALIZER);
    }

    @Test
    void anotherAccumulatorSerializerIsIncompatible() {
        TypeSerializerSnapshot<CountProgress<String>> snapshot =
                new CountProgressSerializer<>(StringSerializer.INSTANCE).snapshotConfiguration();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSchemaCompatibility<CountProgress<List<Long>>> compatibility =
                SERIALIZER
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility((TypeSerializerSnapshot) snapshot);
        assertThat(compatibility.isIncompatible()).isTrue();
    }
}
