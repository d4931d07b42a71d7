package dev.flinkkda.windows.session;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;

/**
 * A session the fast path has fired and keeps for the allowed lateness: its end and accumulator
 * (the start is the map key). A late element it takes extends it and fires it again.
 *
 * <pre>
 *   gap 10, allowed lateness 30: [0, 15) fires at watermark 14, kept until 44
 *   late element 12 → end 22, fires again as [0, 22); kept until 51
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
public final class FiredSession<ACC> extends Tuple2<Long, ACC> {

    private static final long serialVersionUID = 1L;

    /** For Flink's tuple serializer. */
    public FiredSession() {}

    FiredSession(long end, ACC accumulator) {
        super(end, accumulator);
    }

    /** The state type, given the accumulator's. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <ACC> TypeInformation<FiredSession<ACC>> typeInfo(TypeInformation<ACC> accumulatorType) {
        return new TupleTypeInfo<>((Class) FiredSession.class, Types.LONG, accumulatorType);
    }

    /** A shallow copy, as {@link Tuple2#copy()}, that stays a {@code FiredSession}. */
    @Override
    public FiredSession<ACC> copy() {
        return new FiredSession<>(f0, f1);
    }

    long end() {
        return f0;
    }

    void setEnd(long end) {
        f0 = end;
    }

    ACC accumulator() {
        return f1;
    }

    void setAccumulator(ACC accumulator) {
        f1 = accumulator;
    }
}
