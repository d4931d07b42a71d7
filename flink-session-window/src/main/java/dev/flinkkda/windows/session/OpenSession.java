package dev.flinkkda.windows.session;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;

/**
 * The state of a key's open session on the fast path: its start, its current end, the time of the
 * timer armed for its end (which may lag behind the end: extending a session does not move the
 * timer), and its accumulator.
 *
 * <pre>
 *   elements  3   5   9        gap 5
 *   start 3, end 14 (9 + 5), timer armed at 7 (when only 3 was in), moved to 13 when it fires
 * </pre>
 *
 * <p>Stored as a {@link Tuple4} (Flink's tuple serializer, no reflection per record); the named
 * accessors are the only way the operator reads and writes it. Public with a public no-argument
 * constructor only because Flink's tuple serializer instantiates it.
 *
 * @param <ACC> accumulator type
 */
@Internal
@SuppressWarnings("unchecked") // copy() overrides Tuple's generic <T> copy(), as Tuple4's does
public final class OpenSession<ACC> extends Tuple4<Long, Long, Long, ACC> {

    private static final long serialVersionUID = 1L;

    /** For Flink's tuple serializer. */
    public OpenSession() {}

    OpenSession(long start, long end, long armedTimer, ACC accumulator) {
        super(start, end, armedTimer, accumulator);
    }

    /** The state type, given the accumulator's. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <ACC> TypeInformation<OpenSession<ACC>> typeInfo(TypeInformation<ACC> accumulatorType) {
        return new TupleTypeInfo<>(
                (Class) OpenSession.class, Types.LONG, Types.LONG, Types.LONG, accumulatorType);
    }

    /** A shallow copy, as {@link Tuple4#copy()}, that stays an {@code OpenSession}. */
    @Override
    public OpenSession<ACC> copy() {
        return new OpenSession<>(f0, f1, f2, f3);
    }

    long start() {
        return f0;
    }

    long end() {
        return f1;
    }

    void setEnd(long end) {
        f1 = end;
    }

    long armedTimer() {
        return f2;
    }

    void setArmedTimer(long time) {
        f2 = time;
    }

    ACC accumulator() {
        return f3;
    }

    void setAccumulator(ACC accumulator) {
        f3 = accumulator;
    }
}
