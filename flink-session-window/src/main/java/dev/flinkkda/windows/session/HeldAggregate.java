package dev.flinkkda.windows.session;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;

/**
 * The fast path's elements of one key and one timestamp that wait for the watermark (they may open
 * the next session), pre-aggregated: the furthest {@code t + gap} among them and their accumulator.
 * The timestamp is the map key.
 *
 * <pre>
 *   gap 5 (or per element), watermark 2; elements at 8 arrive: 8 (gap 5), 8 (gap 7)
 *   held at 8: reach 15, accumulator of both; the watermark 8 releases them as one
 * </pre>
 *
 * <p>Stored as a {@link Tuple2} (Flink's tuple serializer, the layout of the {@code Tuple2<Long,
 * ACC>} it replaces); the named accessors are the only way the operator reads and writes it. Public
 * with a public no-argument constructor only because Flink's tuple serializer instantiates it.
 *
 * @param <ACC> accumulator type
 */
@Internal
@SuppressWarnings("unchecked") // copy() overrides Tuple's generic <T> copy(), as Tuple2's does
public final class HeldAggregate<ACC> extends Tuple2<Long, ACC> {

    private static final long serialVersionUID = 1L;

    /** For Flink's tuple serializer. */
    public HeldAggregate() {}

    HeldAggregate(long reach, ACC accumulator) {
        super(reach, accumulator);
    }

    /** The state type, given the accumulator's. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <ACC> TypeInformation<HeldAggregate<ACC>> typeInfo(
            TypeInformation<ACC> accumulatorType) {
        return new TupleTypeInfo<>((Class) HeldAggregate.class, Types.LONG, accumulatorType);
    }

    /** A shallow copy, as {@link Tuple2#copy()}, that stays a {@code HeldAggregate}. */
    @Override
    public HeldAggregate<ACC> copy() {
        return new HeldAggregate<>(f0, f1);
    }

    /** The furthest {@code t + gap} of the held elements. */
    long reach() {
        return f0;
    }

    void setReach(long reach) {
        f0 = reach;
    }

    ACC accumulator() {
        return f1;
    }

    void setAccumulator(ACC accumulator) {
        f1 = accumulator;
    }
}
