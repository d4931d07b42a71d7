package dev.flinkkda.windows.session;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;

/**
 * The ordering step's view of a key's open session: its start, its current end, and the time of the
 * timer armed for it (which may lag behind the end: extending a session does not move the timer).
 * No elements: the ordering step passes them on to the window operator.
 *
 * <pre>
 *   gap 5, maximum 10; elements 0 3 passed on
 *   start 0, end 8, timer armed at 9 (the cut, 10, minus 1: no elements held)
 * </pre>
 *
 * <p>Stored as a {@link Tuple3} (Flink's tuple serializer, the layout of the {@code Tuple3<Long,
 * Long, Long>} it replaces); the named accessors are the only way the ordering step reads and
 * writes it. Public with a public no-argument constructor only because Flink's tuple serializer
 * instantiates it.
 */
@Internal
@SuppressWarnings("unchecked") // copy() overrides Tuple's generic <T> copy(), as Tuple3's does
public final class SessionBounds extends Tuple3<Long, Long, Long> {

    private static final long serialVersionUID = 1L;

    /** For Flink's tuple serializer. */
    public SessionBounds() {}

    SessionBounds(long start, long end, long armedTimer) {
        super(start, end, armedTimer);
    }

    /** The state type. */
    static TypeInformation<SessionBounds> typeInfo() {
        return new TupleTypeInfo<>(SessionBounds.class, Types.LONG, Types.LONG, Types.LONG);
    }

    /** A shallow copy, as {@link Tuple3#copy()}, that stays a {@code SessionBounds}. */
    @Override
    public SessionBounds copy() {
        return new SessionBounds(f0, f1, f2);
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
}
