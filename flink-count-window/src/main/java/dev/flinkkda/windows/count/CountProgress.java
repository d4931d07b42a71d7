package dev.flinkkda.windows.count;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializer;

/**
 * A key's progress on the count fast path: how many of its elements have arrived, the accumulator
 * of its open pane (null between panes) and the timestamp of that pane's first element.
 *
 * <pre>
 *   tumbling count(3), elements a b c d
 *   after b: count 2, open pane [a b], first timestamp a's
 *   after c: count 3, no open pane (the window a b c fired)
 *   after d: count 4, open pane [d], first timestamp d's
 * </pre>
 *
 * <p>Stored as a {@link Tuple3} (Flink's tuple serializer, the accumulator's wrapped to take null);
 * the named accessors are the only way the operator reads and writes it. Public with a public
 * no-argument constructor only because Flink's tuple serializer instantiates it.
 *
 * @param <ACC> accumulator type
 */
@Internal
@SuppressWarnings("unchecked") // copy() overrides Tuple's generic <T> copy(), as Tuple3's does
public final class CountProgress<ACC> extends Tuple3<Long, ACC, Long> {

    private static final long serialVersionUID = 1L;

    /** For Flink's tuple serializer. */
    public CountProgress() {}

    private CountProgress(long count, ACC openPane, long paneFirstTimestamp) {
        super(count, openPane, paneFirstTimestamp);
    }

    /** A key no element of which has arrived. */
    static <ACC> CountProgress<ACC> start() {
        return new CountProgress<>(0L, null, Long.MIN_VALUE);
    }

    /**
     * The state's serializer, given the accumulator's: Flink's tuple serializer with the
     * accumulator's wrapped to take null (the open pane between panes). A serializer, not a {@code
     * TupleTypeInfo} (as {@code OpenSession} in the session module has), because a type information
     * cannot say that a field may be null.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <ACC> TypeSerializer<CountProgress<ACC>> serializer(
            TypeSerializer<ACC> accumulatorSerializer) {
        return new TupleSerializer<>(
                (Class) CountProgress.class,
                new TypeSerializer<?>[] {
                    LongSerializer.INSTANCE,
                    NullableSerializer.wrap(accumulatorSerializer, true),
                    LongSerializer.INSTANCE
                });
    }

    /** A shallow copy, as {@link Tuple3#copy()}, that stays a {@code CountProgress}. */
    @Override
    public CountProgress<ACC> copy() {
        return new CountProgress<>(f0, f1, f2);
    }

    /** How many elements of the key have arrived. */
    long count() {
        return f0;
    }

    void setCount(long count) {
        f0 = count;
    }

    /** The open pane's accumulator; null between panes. */
    ACC openPane() {
        return f1;
    }

    /** The timestamp of the open pane's first element ({@code Long.MIN_VALUE}: none). */
    long paneFirstTimestamp() {
        return f2;
    }

    /** Opens a pane with {@code accumulator}, whose first element was at {@code firstTimestamp}. */
    void openPane(ACC accumulator, long firstTimestamp) {
        f1 = accumulator;
        f2 = firstTimestamp;
    }

    void setOpenPane(ACC accumulator) {
        f1 = accumulator;
    }

    /** The open pane is complete: none is open until the next element in a window. */
    void closePane() {
        f1 = null;
        f2 = Long.MIN_VALUE;
    }
}
