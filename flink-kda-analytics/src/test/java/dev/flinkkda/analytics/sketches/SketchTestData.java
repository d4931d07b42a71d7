package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RawType;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

/** Seeded data and serializer round trips for the sketch tests. */
final class SketchTestData {

    private SketchTestData() {}

    /** Draws ranks {@code 0 .. n-1} with probability proportional to {@code 1 / (rank+1)^s}. */
    static final class Zipf {
        private final double[] cumulative;
        private final Random random;

        Zipf(int n, double s, long seed) {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, s);
                cumulative[i] = sum;
            }
            random = new Random(seed);
        }

        long next() {
            double u = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, u);
            return i >= 0 ? i : -i - 1;
        }
    }

    /**
     * The serializer a job restores from a checkpoint of a SQL aggregate with this {@code RAW}
     * accumulator type: the type's serializer string (as in a compiled plan) read back into a
     * {@code RawType}, its serializer's snapshot written and read as in a checkpoint, then the
     * serializer restored from that snapshot, which must be compatible as is with the current one.
     */
    static <A> TypeSerializer<A> restoredRawSerializer(DataType rawType) throws IOException {
        @SuppressWarnings("unchecked")
        RawType<A> raw = (RawType<A>) rawType.getLogicalType();
        @SuppressWarnings("unchecked")
        RawType<A> restoredType =
                (RawType<A>)
                        RawType.restore(
                                SketchTestData.class.getClassLoader(),
                                raw.getOriginatingClass().getName(),
                                raw.getSerializerString());
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(
                out, restoredType.getTypeSerializer().snapshotConfiguration());
        TypeSerializerSnapshot<A> snapshot =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        SketchTestData.class.getClassLoader());
        if (!raw.getTypeSerializer()
                .snapshotConfiguration()
                .resolveSchemaCompatibility(snapshot)
                .isCompatibleAsIs()) {
            throw new AssertionError("the restored snapshot is not compatible as is");
        }
        return snapshot.restoreSerializer();
    }

    /** Serializes and deserializes with the accumulator's serializer, checking raw copy too. */
    static <A> A roundTrip(TypeSerializer<A> serializer, A value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(value, out);
        byte[] bytes = out.getCopyOfBuffer();
        DataOutputSerializer copied = new DataOutputSerializer(1024);
        serializer.copy(new DataInputDeserializer(bytes), copied);
        if (!Arrays.equals(bytes, copied.getCopyOfBuffer())) {
            throw new AssertionError("copy(DataInputView, DataOutputView) changed the bytes");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        A back = serializer.deserialize(in);
        if (in.available() != 0) {
            throw new AssertionError(in.available() + " bytes left after deserialize");
        }
        return back;
    }
}
