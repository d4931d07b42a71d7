package dev.flinkkda.windows.sliding;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;

/**
 * A trigger element of a per-event sliding window: its timestamp and its number among the triggers
 * at that timestamp, in arrival order — the key under which the operator keeps what the element's
 * window needs besides the slices (its peers so far, or the element itself).
 *
 * <pre>
 *   arrivals  a@3  b@5  c@5  d@7      triggers (3, 0)  (5, 0)  (5, 1)  (7, 0)
 * </pre>
 *
 * <p>Stored as a {@link Tuple2} (Flink's tuple serializer); public with a public no-argument
 * constructor only because Flink's tuple serializer instantiates it.
 */
@Internal
@SuppressWarnings("unchecked") // copy() overrides Tuple's generic <T> copy(), as Tuple2's does
public final class TriggerId extends Tuple2<Long, Integer> {

    private static final long serialVersionUID = 1L;

    /** For Flink's tuple serializer. */
    public TriggerId() {}

    TriggerId(long timestamp, int number) {
        super(timestamp, number);
    }

    /** The state type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static TypeInformation<TriggerId> typeInfo() {
        return new TupleTypeInfo<>((Class) TriggerId.class, Types.LONG, Types.INT);
    }

    /** A copy, as {@link Tuple2#copy()}, that stays a {@code TriggerId}. */
    @Override
    public TriggerId copy() {
        return new TriggerId(f0, f1);
    }

    long timestamp() {
        return f0;
    }

    int number() {
        return f1;
    }
}
