package dev.flinkkda.windows.predicate;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PredicateWindow}: value semantics and its serializer. */
class PredicateWindowTest {

    @Test
    void equalWhenAllFieldsAreEqual() {
        PredicateWindow w = new PredicateWindow(2, 3, 10, 30);
        assertThat(w).isEqualTo(new PredicateWindow(2, 3, 10, 30));
        assertThat(w).hasSameHashCodeAs(new PredicateWindow(2, 3, 10, 30));
        assertThat(w)
                .isNotEqualTo(new PredicateWindow(1, 3, 10, 30))
                .isNotEqualTo(new PredicateWindow(2, 4, 10, 30))
                .isNotEqualTo(new PredicateWindow(2, 3, 11, 30))
                .isNotEqualTo(new PredicateWindow(2, 3, 10, 31));
        assertThat(w.maxTimestamp()).isEqualTo(30);
        assertThat(w.withNextElement(40)).isEqualTo(new PredicateWindow(2, 4, 10, 40));
        assertThat(w).hasToString("PredicateWindow{#2, 3 elements, timestamps 10..30}");
    }

    @Test
    void serializerRoundTripsAndIsCompatibleWithItsSnapshot() throws Exception {
        PredicateWindow.Serializer serializer = PredicateWindow.Serializer.INSTANCE;
        PredicateWindow w = new PredicateWindow(7, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(w, out);
        assertThat(out.length()).isEqualTo(serializer.getLength());
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(w);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());

        TypeSerializerSnapshot<PredicateWindow> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer snapshotBytes = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshotBytes, snapshot);
        TypeSerializerSnapshot<PredicateWindow> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(snapshotBytes.getCopyOfBuffer()),
                        getClass().getClassLoader());
        TypeSerializer<PredicateWindow> restoredSerializer = restored.restoreSerializer();
        assertThat(restoredSerializer).isEqualTo(serializer);
        TypeSerializerSchemaCompatibility<PredicateWindow> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(InstantiationUtil.clone(serializer)).isEqualTo(serializer);
    }
}
