package dev.flinkkda.windows.sliding;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple6;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All per-event sliding state of one key but the trigger elements' extras: its slices (one per
 * timestamp) in time order, each with its accumulator and how many elements there fire a window, in
 * four regions, and the two-stacks aggregates of the middle two ({@link PerEventSliceQueue}).
 *
 * <pre>
 * index       0            front            back             queued           count
 *             | retained … | front …        | back …         | open …         |
 *               kept for     suffixes: from   one aggregate    not yet reached
 *               late ones    each to back−1   of the back      by time
 * </pre>
 *
 * <p>One value per key, so an element and a timer each read the key's state once: on the heap
 * backend the value is the live object and is changed in place, on others it is written back.
 * Stored as a {@link Tuple6} (Flink's tuple serializer): a header {@code [time, mark, front, back,
 * queued, count]}, the times and trigger counts (arrays with spare capacity beyond {@code count}),
 * the accumulators, the front's suffix aggregates (newest first, so the oldest pops off the end)
 * and the back's aggregate (a list of none or one). Public with a public no-argument constructor
 * only because Flink's tuple serializer instantiates it.
 *
 * @param <ACC> accumulator type
 */
@Internal
@SuppressWarnings("unchecked") // copy() overrides Tuple's generic <T> copy(), as Tuple6's does
public final class PerEventSlices<ACC>
        extends Tuple6<long[], long[], int[], List<ACC>, List<ACC>, List<ACC>> {

    private static final long serialVersionUID = 1L;

    private static final int TIME = 0;
    private static final int MARK = 1;
    private static final int FRONT = 2;
    private static final int BACK = 3;
    private static final int QUEUED = 4;
    private static final int COUNT = 5;

    /** For Flink's tuple serializer. */
    public PerEventSlices() {}

    private PerEventSlices(
            long[] header,
            long[] times,
            int[] triggers,
            List<ACC> accumulators,
            List<ACC> suffixes,
            List<ACC> back) {
        super(header, times, triggers, accumulators, suffixes, back);
    }

    /** A key without slices; its time and mark are {@code Long.MIN_VALUE}. */
    static <ACC> PerEventSlices<ACC> empty() {
        return new PerEventSlices<>(
                new long[] {Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, 0, 0},
                new long[8],
                new int[8],
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(1));
    }

    /** The state type, given the accumulator's. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <ACC> TypeInformation<PerEventSlices<ACC>> typeInfo(
            TypeInformation<ACC> accumulatorType) {
        TypeInformation<List<ACC>> accumulators = new ListTypeInfo<>(accumulatorType);
        return new TupleTypeInfo<>(
                (Class) PerEventSlices.class,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO,
                PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO,
                accumulators,
                accumulators,
                accumulators);
    }

    /** A shallow copy, as {@link Tuple6#copy()}, that stays a {@code PerEventSlices}. */
    @Override
    public PerEventSlices<ACC> copy() {
        return new PerEventSlices<>(f0, f1, f2, f3, f4, f5);
    }

    // ---- the header ----

    /** For the operator: how far in time the key's queue has got. */
    long time() {
        return f0[TIME];
    }

    void setTime(long time) {
        f0[TIME] = time;
    }

    /** For the operator: the time of its one armed cleanup timer, or {@code Long.MIN_VALUE}. */
    long mark() {
        return f0[MARK];
    }

    void setMark(long mark) {
        f0[MARK] = mark;
    }

    /** The oldest slice of the front stack; the slices before it are retained. */
    int front() {
        return (int) f0[FRONT];
    }

    /** The oldest slice of the back stack; the front stack ends before it. */
    int back() {
        return (int) f0[BACK];
    }

    /** Where the queued slices end: the open ones follow. */
    int queued() {
        return (int) f0[QUEUED];
    }

    void setRegions(int front, int back, int queued) {
        f0[FRONT] = front;
        f0[BACK] = back;
        f0[QUEUED] = queued;
    }

    /** How many slices the key has. */
    int count() {
        return (int) f0[COUNT];
    }

    // ---- the slices ----

    long timeAt(int index) {
        return f1[index];
    }

    ACC accumulatorAt(int index) {
        return f3.get(index);
    }

    void setAccumulatorAt(int index, ACC accumulator) {
        f3.set(index, accumulator);
    }

    int triggersAt(int index) {
        return f2[index];
    }

    void setTriggersAt(int index, int triggers) {
        f2[index] = triggers;
    }

    /**
     * The index of the slice at {@code time}, or {@code -(where it would go) - 1}, as {@link
     * Arrays#binarySearch}; the newest slice is looked at first.
     */
    int indexOf(long time) {
        int count = count();
        if (count == 0 || f1[count - 1] < time) {
            return -count - 1;
        }
        if (f1[count - 1] == time) {
            return count - 1;
        }
        return Arrays.binarySearch(f1, 0, count, time);
    }

    /** The first slice at or after {@code time}. */
    int firstAtOrAfter(long time) {
        int index = indexOf(time);
        return index >= 0 ? index : -index - 1;
    }

    /**
     * Inserts a slice without triggers at {@code index} (keeping time order); the regions after it
     * move up, one that starts at {@code index} starts with it.
     */
    void insert(int index, long time, ACC accumulator) {
        int count = count();
        if (count == f1.length) {
            f1 = Arrays.copyOf(f1, 2 * count);
            f2 = Arrays.copyOf(f2, 2 * count);
        }
        System.arraycopy(f1, index, f1, index + 1, count - index);
        System.arraycopy(f2, index, f2, index + 1, count - index);
        f1[index] = time;
        f2[index] = 0;
        f3.add(index, accumulator);
        for (int region = FRONT; region <= QUEUED; region++) {
            if (f0[region] > index) {
                f0[region]++;
            }
        }
        f0[COUNT] = count + 1;
    }

    /** Removes the slices {@code from..to-1}; the regions move down with them. */
    void remove(int from, int to) {
        int count = count();
        int removed = to - from;
        if (removed <= 0) {
            return;
        }
        System.arraycopy(f1, to, f1, from, count - to);
        System.arraycopy(f2, to, f2, from, count - to);
        if (removed == 1) {
            f3.remove(from);
        } else {
            f3.subList(from, to).clear();
        }
        for (int region = FRONT; region <= QUEUED; region++) {
            if (f0[region] >= to) {
                f0[region] -= removed;
            } else if (f0[region] > from) {
                f0[region] = from;
            }
        }
        f0[COUNT] = count - removed;
    }

    // ---- the stacks' aggregates ----

    /** The front's suffix aggregates, newest first: the last is from {@link #front()} on. */
    List<ACC> suffixes() {
        return f4;
    }

    /** The back's aggregate, null when the back is empty. */
    ACC backAggregate() {
        return f5.isEmpty() ? null : f5.get(0);
    }

    void setBackAggregate(ACC aggregate) {
        f5.clear();
        if (aggregate != null) {
            f5.add(aggregate);
        }
    }
}
