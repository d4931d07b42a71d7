package dev.flinkkda.windows.hopping;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KeyPanesSerializer}: a value with every region (retained, front with suffixes, back, open)
 * and the indices shifted away from 0 survives a round trip and a copy, and the copy is deep (the
 * heap state backend copies a value that a running snapshot still reads). Accumulators are mutable
 * lists of the values added, so that a shallow copy would show.
 */
class KeyPanesSerializerTest {

    private static final TypeSerializer<List<Long>> LISTS =
            new ListSerializer<>(LongSerializer.INSTANCE);

    /** Collects values; merge appends b to a (and may reuse a). */
    private static final class Collect implements AggregateFunction<Long, List<Long>, List<Long>> {
        @Override
        public List<Long> createAccumulator() {
            return new ArrayList<>();
        }

        @Override
        public List<Long> add(Long value, List<Long> accumulator) {
            accumulator.add(value);
            return accumulator;
        }

        @Override
        public List<Long> getResult(List<Long> accumulator) {
            return accumulator;
        }

        @Override
        public List<Long> merge(List<Long> a, List<Long> b) {
            a.addAll(b);
            return a;
        }
    }

    /** Panes 1..8 (pane p holds p), 1–2 retained, 3–5 the front, 6 the back, 7–8 open. */
    private static KeyPanes<List<Long>> sample() {
        KeyPanes.Accumulators<List<Long>> f = new KeyPanes.Accumulators<>(new Collect(), LISTS);
        KeyPanes<List<Long>> panes = new KeyPanes<>(2);
        panes.insert(0, 0, new ArrayList<>(List.of(0L))); // dropped below: head moves off 0
        for (long p = 1; p <= 8; p++) {
            panes.insert(panes.end, p, new ArrayList<>(List.of(p)));
        }
        panes.completeUpTo(5, f); // 0..5 on the back
        panes.popBefore(1, false, f); // 0 dropped, 1..5 turned into the front
        panes.completeUpTo(6, f); // 6 on the back
        panes.popBefore(3, true, f); // 1, 2 retained
        panes.time = 42;
        panes.armed = 99;
        return panes;
    }

    private static String show(KeyPanes<List<Long>> panes) {
        StringBuilder s = new StringBuilder();
        s.append(panes.time).append(' ').append(panes.armed).append(' ');
        for (int i = panes.head; i < panes.end; i++) {
            String region =
                    i < panes.front ? "R" : i < panes.back ? "F" : i < panes.open ? "B" : "O";
            s.append(region).append(panes.ids[i]).append(panes.accumulators[i]);
            if (region.equals("F")) {
                s.append("/").append(panes.suffixes[i]);
            }
            s.append(' ');
        }
        return s.append("back ").append(panes.backAggregate).toString();
    }

    @Test
    void sampleHasEveryRegion() {
        KeyPanes<List<Long>> panes = sample();
        assertThat(panes.head).isPositive();
        assertThat(show(panes))
                .isEqualTo(
                        "42 99 R1[1] R2[2] F3[3]/[3, 4, 5] F4[4]/[4, 5] F5[5]/[5] B6[6] O7[7]"
                                + " O8[8] back [6]");
    }

    @Test
    void roundTripKeepsEveryRegion() throws Exception {
        KeyPanes<List<Long>> panes = sample();
        KeyPanesSerializer<List<Long>> serializer = new KeyPanesSerializer<>(LISTS);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(panes, out);
        KeyPanes<List<Long>> read =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(read.head).isZero();
        assertThat(show(read)).isEqualTo(show(panes));
    }

    @Test
    void copyIsDeep() {
        KeyPanes<List<Long>> panes = sample();
        String before = show(panes);
        KeyPanes<List<Long>> copy = new KeyPanesSerializer<>(LISTS).copy(panes);
        assertThat(show(copy)).isEqualTo(before);
        KeyPanes.Accumulators<List<Long>> f = new KeyPanes.Accumulators<>(new Collect(), LISTS);
        copy.accumulator(copy.end - 1).add(100L);
        copy.completeUpTo(8, f);
        copy.popBefore(7, false, f);
        assertThat(show(panes)).isEqualTo(before);
    }

    @Test
    void snapshotRestoresACompatibleSerializer() {
        TypeSerializerSnapshot<KeyPanes<List<Long>>> snapshot =
                new KeyPanesSerializer<>(LISTS).snapshotConfiguration();
        TypeSerializerSchemaCompatibility<KeyPanes<List<Long>>> compatibility =
                new KeyPanesSerializer<>(LISTS)
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(snapshot);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(snapshot.restoreSerializer()).isEqualTo(new KeyPanesSerializer<>(LISTS));
    }
}
