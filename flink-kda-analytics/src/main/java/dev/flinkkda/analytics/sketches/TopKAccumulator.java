package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The item counts of one window: a map of exact counts while the window has at most the function's
 * exact limit of distinct items, then DataSketches' frequent items sketch ({@code ItemsSketch}).
 *
 * <p>Serialized by {@link Serializer}: a mode byte, then either the counts (entries, then length,
 * bytes and count of each item) or the sketch's bytes.
 */
@TypeInfo(TopKAccumulator.TypeFactory.class)
public final class TopKAccumulator {

    /** Exact counts; {@code null} once {@link #sketch} is used. */
    private Map<EncodedItem, Long> counts;

    private ItemsSketch<EncodedItem> sketch;

    TopKAccumulator() {
        this.counts = new HashMap<>();
    }

    private TopKAccumulator(Map<EncodedItem, Long> counts, ItemsSketch<EncodedItem> sketch) {
        this.counts = counts;
        this.sketch = sketch;
    }

    void add(EncodedItem item, long n, int exactLimit, int maxMapSize) {
        if (counts != null) {
            counts.merge(item, n, Long::sum);
            if (counts.size() > exactLimit) {
                toSketch(maxMapSize);
            }
        } else {
            sketch.update(item, n);
        }
    }

    /**
     * The sum with the other window part's counts, in this or the other accumulator; works for
     * map+map, map+sketch and sketch+sketch.
     */
    TopKAccumulator merge(TopKAccumulator other, int exactLimit, int maxMapSize) {
        if (other.counts != null) {
            other.counts.forEach((item, n) -> add(item, n, exactLimit, maxMapSize));
            return this;
        }
        if (counts != null) {
            counts.forEach(other.sketch::update);
            return other; // AggregateFunction.merge may reuse either accumulator
        }
        sketch.merge(other.sketch);
        return this;
    }

    /**
     * Adds the other window part's counts to this accumulator and leaves the other unchanged: the
     * Table API merges into its first accumulator, and a {@code HOP} window's slices are merged
     * into several windows, so they must stay as they are.
     */
    void addAll(TopKAccumulator other, int exactLimit, int maxMapSize) {
        if (other.counts != null) {
            other.counts.forEach((item, n) -> add(item, n, exactLimit, maxMapSize));
            return;
        }
        if (counts != null) {
            toSketch(maxMapSize);
        }
        sketch.merge(other.sketch);
    }

    private void toSketch(int maxMapSize) {
        sketch = new ItemsSketch<>(maxMapSize);
        counts.forEach(sketch::update);
        counts = null;
    }

    /** Whether the counts are exact (no sketch yet). */
    boolean isExact() {
        return counts != null;
    }

    /**
     * The most any count may be off: 0 while exact, else the sketch's maximum error (an estimate
     * exceeds the true count by at most this much and is never below it minus this much).
     */
    long maximumError() {
        return counts != null ? 0 : sketch.getMaximumError();
    }

    /**
     * The candidates for the top items with their counts: every item while exact, else the items
     * whose upper bound exceeds the sketch's maximum error (no false negatives), with the sketch's
     * estimates.
     */
    List<Map.Entry<EncodedItem, Long>> candidates() {
        if (counts != null) {
            return new ArrayList<>(counts.entrySet());
        }
        List<Map.Entry<EncodedItem, Long>> rows = new ArrayList<>();
        for (ItemsSketch.Row<EncodedItem> row :
                sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            rows.add(Map.entry(row.getItem(), row.getEstimate()));
        }
        return rows;
    }

    TopKAccumulator copy() {
        if (counts != null) {
            return new TopKAccumulator(new HashMap<>(counts), null);
        }
        ItemsSketch<EncodedItem> copy =
                ItemsSketch.getInstance(
                        Memory.wrap(sketch.toByteArray(EncodedItemSerDe.INSTANCE)),
                        EncodedItemSerDe.INSTANCE);
        return new TopKAccumulator(null, copy);
    }

    /** Flink's type extraction finds the serializer through this factory. */
    public static final class TypeFactory extends TypeInfoFactory<TopKAccumulator> {
        @Override
        public TypeInformation<TopKAccumulator> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new AccumulatorTypeInfo<>(TopKAccumulator.class, Serializer.INSTANCE);
        }
    }

    /** Writes the exact counts, or the sketch's bytes. */
    public static final class Serializer extends ExactOrSketchSerializer<TopKAccumulator> {

        private static final long serialVersionUID = 1L;

        public static final Serializer INSTANCE = new Serializer();

        private Serializer() {
            super(Long.BYTES);
        }

        @Override
        public TopKAccumulator createInstance() {
            return new TopKAccumulator();
        }

        @Override
        public TopKAccumulator copy(TopKAccumulator from) {
            return from.copy();
        }

        @Override
        public void serialize(TopKAccumulator acc, DataOutputView out) throws IOException {
            if (acc.counts != null) {
                out.writeByte(EXACT);
                out.writeInt(acc.counts.size());
                for (Map.Entry<EncodedItem, Long> e : acc.counts.entrySet()) {
                    out.writeInt(e.getKey().bytes().length);
                    out.write(e.getKey().bytes());
                    out.writeLong(e.getValue());
                }
            } else {
                byte[] bytes = acc.sketch.toByteArray(EncodedItemSerDe.INSTANCE);
                out.writeByte(SKETCH);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }

        @Override
        public TopKAccumulator deserialize(DataInputView in) throws IOException {
            byte mode = in.readByte();
            if (mode == EXACT) {
                int n = in.readInt();
                Map<EncodedItem, Long> counts = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
                for (int i = 0; i < n; i++) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    counts.put(new EncodedItem(bytes), in.readLong());
                }
                return new TopKAccumulator(counts, null);
            }
            if (mode != SKETCH) {
                throw new IOException("unknown top-K accumulator mode " + mode);
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new TopKAccumulator(
                    null, ItemsSketch.getInstance(Memory.wrap(bytes), EncodedItemSerDe.INSTANCE));
        }

        @Override
        public TypeSerializerSnapshot<TopKAccumulator> snapshotConfiguration() {
            return new Snapshot();
        }

        /** The serializer has no configuration. */
        public static final class Snapshot extends SimpleTypeSerializerSnapshot<TopKAccumulator> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }
}
