package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * The accumulator of the SQL {@code TOP_K_ITEMS(x, k)}: K, which {@code getValue} needs and does
 * not receive (0 until the first row), and the item counts ({@link TopKAccumulator}).
 *
 * <p>Serialized by {@link Serializer}: K (int), then the counts as {@link
 * TopKAccumulator.Serializer} writes them.
 */
public final class TopKItemsAccumulator {

    int k;
    final TopKAccumulator counts;

    private TopKItemsAccumulator(int k, TopKAccumulator counts) {
        this.k = k;
        this.counts = counts;
    }

    /** No K yet, no items. */
    static TopKItemsAccumulator empty() {
        return new TopKItemsAccumulator(0, new TopKAccumulator());
    }

    /**
     * Writes K, then the counts in {@link TopKAccumulator.Serializer}'s exact-or-sketch layout (so
     * a record is copied as K and that layout).
     */
    public static final class Serializer extends ExactOrSketchSerializer<TopKItemsAccumulator> {

        private static final long serialVersionUID = 1L;

        public static final Serializer INSTANCE = new Serializer();

        private static final TopKAccumulator.Serializer COUNTS =
                TopKAccumulator.Serializer.INSTANCE;

        private Serializer() {
            super(Long.BYTES); // as TopKAccumulator.Serializer: a count after each item
        }

        @Override
        public TopKItemsAccumulator createInstance() {
            return empty();
        }

        @Override
        public TopKItemsAccumulator copy(TopKItemsAccumulator from) {
            return new TopKItemsAccumulator(from.k, from.counts.copy());
        }

        @Override
        public void serialize(TopKItemsAccumulator acc, DataOutputView out) throws IOException {
            out.writeInt(acc.k);
            COUNTS.serialize(acc.counts, out);
        }

        @Override
        public TopKItemsAccumulator deserialize(DataInputView in) throws IOException {
            int k = in.readInt();
            return new TopKItemsAccumulator(k, COUNTS.deserialize(in));
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            out.writeInt(in.readInt());
            super.copy(in, out);
        }

        @Override
        public TypeSerializerSnapshot<TopKItemsAccumulator> snapshotConfiguration() {
            return new Snapshot();
        }

        /** The serializer has no configuration. */
        public static final class Snapshot
                extends SimpleTypeSerializerSnapshot<TopKItemsAccumulator> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }
}
