package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The distinct items of one window: the items themselves (exact) while there are at most {@link
 * #EXACT_LIMIT}, then a HyperLogLog sketch ({@code lgK =} {@link #LG_K}, {@code HLL_4}).
 *
 * <p>Serialized by {@link Serializer}: a mode byte, then either the items (count, then length and
 * bytes of each) or the sketch's compact bytes.
 */
@TypeInfo(DistinctCountAccumulator.TypeFactory.class)
public final class DistinctCountAccumulator {

    /** Distinct items counted exactly; KDA promises an exact count up to 10,000 items. */
    public static final int EXACT_LIMIT = 10_000;

    /**
     * {@code log2} of the sketch's registers: 16384 registers, a relative standard error of about
     * {@code 1.04 / sqrt(16384) = 0.81 %} (about 1.6 % at two standard deviations).
     */
    public static final int LG_K = 14;

    private static final TgtHllType HLL_TYPE = TgtHllType.HLL_4;

    /** The items while counting exactly; {@code null} once {@link #sketch} is used. */
    private Set<EncodedItem> items;

    private HllSketch sketch;

    DistinctCountAccumulator() {
        this.items = new HashSet<>();
    }

    private DistinctCountAccumulator(Set<EncodedItem> items, HllSketch sketch) {
        this.items = items;
        this.sketch = sketch;
    }

    void add(EncodedItem item) {
        if (items != null) {
            items.add(item);
            if (items.size() > EXACT_LIMIT) {
                toSketch();
            }
        } else {
            sketch.update(item.bytes());
        }
    }

    /**
     * The union with the other window part's items, in this or the other accumulator; works for
     * set+set, set+sketch and sketch+sketch.
     */
    DistinctCountAccumulator merge(DistinctCountAccumulator other) {
        if (other.items != null) {
            for (EncodedItem item : other.items) {
                add(item);
            }
            return this;
        }
        if (items != null) {
            for (EncodedItem item : items) {
                other.sketch.update(item.bytes());
            }
            return other; // AggregateFunction.merge may reuse either accumulator
        }
        Union union = new Union(LG_K);
        union.update(sketch);
        union.update(other.sketch);
        sketch = union.getResult(HLL_TYPE);
        return this;
    }

    /**
     * Adds the other window part's items to this accumulator and leaves the other unchanged: the
     * Table API merges into its first accumulator, and a {@code HOP} window's slices are merged
     * into several windows, so they must stay as they are.
     */
    void addAll(DistinctCountAccumulator other) {
        if (other.items != null) {
            for (EncodedItem item : other.items) {
                add(item);
            }
            return;
        }
        if (items != null) {
            toSketch();
        }
        Union union = new Union(LG_K);
        union.update(sketch);
        union.update(other.sketch);
        sketch = union.getResult(HLL_TYPE);
    }

    /** The number of distinct items: exact, or the sketch's estimate rounded. */
    long count() {
        return items != null ? items.size() : Math.round(sketch.getEstimate());
    }

    /** Whether the count is exact (no sketch yet). */
    boolean isExact() {
        return items != null;
    }

    DistinctCountAccumulator copy() {
        return items != null
                ? new DistinctCountAccumulator(new HashSet<>(items), null)
                : new DistinctCountAccumulator(null, sketch.copy());
    }

    private void toSketch() {
        sketch = new HllSketch(LG_K, HLL_TYPE);
        for (EncodedItem item : items) {
            sketch.update(item.bytes());
        }
        items = null;
    }

    /** Flink's type extraction finds the serializer through this factory. */
    public static final class TypeFactory extends TypeInfoFactory<DistinctCountAccumulator> {
        @Override
        public TypeInformation<DistinctCountAccumulator> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new AccumulatorTypeInfo<>(DistinctCountAccumulator.class, Serializer.INSTANCE);
        }
    }

    /** Writes the items, or the sketch's compact bytes. */
    public static final class Serializer extends ExactOrSketchSerializer<DistinctCountAccumulator> {

        private static final long serialVersionUID = 1L;

        public static final Serializer INSTANCE = new Serializer();

        private Serializer() {
            super(0);
        }

        @Override
        public DistinctCountAccumulator createInstance() {
            return new DistinctCountAccumulator();
        }

        @Override
        public DistinctCountAccumulator copy(DistinctCountAccumulator from) {
            return from.copy();
        }

        @Override
        public void serialize(DistinctCountAccumulator acc, DataOutputView out) throws IOException {
            if (acc.items != null) {
                out.writeByte(EXACT);
                out.writeInt(acc.items.size());
                for (EncodedItem item : acc.items) {
                    out.writeInt(item.bytes().length);
                    out.write(item.bytes());
                }
            } else {
                byte[] bytes = acc.sketch.toCompactByteArray();
                out.writeByte(SKETCH);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }

        @Override
        public DistinctCountAccumulator deserialize(DataInputView in) throws IOException {
            byte mode = in.readByte();
            if (mode == EXACT) {
                int n = in.readInt();
                Set<EncodedItem> items = new HashSet<>(Math.max(16, n * 4 / 3 + 1));
                for (int i = 0; i < n; i++) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    items.add(new EncodedItem(bytes));
                }
                return new DistinctCountAccumulator(items, null);
            }
            if (mode != SKETCH) {
                throw new IOException("unknown distinct count accumulator mode " + mode);
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new DistinctCountAccumulator(null, HllSketch.heapify(bytes));
        }

        @Override
        public TypeSerializerSnapshot<DistinctCountAccumulator> snapshotConfiguration() {
            return new Snapshot();
        }

        /** The serializer has no configuration. */
        public static final class Snapshot
                extends SimpleTypeSerializerSnapshot<DistinctCountAccumulator> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }
}
