package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.tuple.Tuple8;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The complete slices of one key, in slice order, as keyed state: a sliding aggregation whose
 * window only moves forward, with a constant number of merges per slice for any {@link
 * AggregateFunction} (no inverse needed). Used by the overlapping hopping windows (slices are
 * panes) and the per-event sliding windows (slices are timestamps).
 *
 * <p>The slices sit under consecutive positions (the slice keys may be sparse; positions are not),
 * in three regions:
 *
 * <pre>
 * positions   retainedOldest     frontOldest          backOldest            next
 *             | retained ...     | front ...          | back ...            |
 *               kept for late      suffixes[p] = the    one aggregate of
 *               elements only      slices p..front end  the whole back
 * </pre>
 *
 * <p>The front and the back are a queue in two stacks (Hammad et al.'s "two-stacks" sliding
 * aggregation): slices are pushed onto the back (one merge into its aggregate) and popped from the
 * front; when the front is empty, the back is turned into a new front holding, for each slice, the
 * aggregate from it to the front's end (one merge per slice). The aggregate of all stack slices is
 * the front's oldest suffix merged with the back's aggregate. Popped slices are retained (for late
 * elements, which are combined from the slices) or dropped with their accumulators.
 *
 * <p>The slice accumulators themselves are in a map the operator owns (slice key → accumulator),
 * because it also holds slices not yet complete. {@link #load()} reads the key's positions into
 * fields; {@link #store()} writes them back. Besides the positions, the state value holds the
 * newest queued slice, two longs for the operator ({@link #time}, {@link #mark}) and the back's
 * aggregate.
 */
@Internal
public final class SliceQueue<ACC> {

    private final AggregateFunction<?, ACC, ?> aggregate;
    private final TypeSerializer<ACC> serializer;
    private final MapState<Long, ACC> slices;
    private final boolean retainPopped;

    private final MapState<Long, Long> queue;
    private final MapState<Long, ACC> suffixes;
    private final ValueState<Tuple8<Long, Long, Long, Long, Long, Long, Long, ACC>> state;

    private Tuple8<Long, Long, Long, Long, Long, Long, Long, ACC> loaded;
    public long retainedOldest;
    public long frontOldest;
    public long backOldest;
    public long next;

    /** The newest queued slice; {@code Long.MIN_VALUE} when none. */
    public long newest;

    /** For the operator: how far in time the key's queue has got. */
    public long time;

    /** For the operator: a second long kept with the queue. */
    public long mark;

    private ACC backAggregate;

    /**
     * @param name prefix of the state names
     * @param slices the operator's slice accumulators, by slice key
     * @param retainPopped whether popped slices are retained (for late elements) or dropped
     */
    public SliceQueue(
            RuntimeContext context,
            String name,
            AggregateFunction<?, ACC, ?> aggregate,
            TypeInformation<ACC> accumulatorType,
            TypeSerializer<ACC> serializer,
            MapState<Long, ACC> slices,
            boolean retainPopped) {
        this.aggregate = aggregate;
        this.serializer = serializer;
        this.slices = slices;
        this.retainPopped = retainPopped;
        this.queue =
                context.getMapState(
                        new MapStateDescriptor<>(name + "-queue", Types.LONG, Types.LONG));
        this.suffixes =
                context.getMapState(
                        new MapStateDescriptor<>(
                                name + "-front-suffixes", Types.LONG, accumulatorType));
        this.state = context.getState(stateDescriptor(name + "-queue-state", serializer));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <ACC>
            ValueStateDescriptor<Tuple8<Long, Long, Long, Long, Long, Long, Long, ACC>>
                    stateDescriptor(String name, TypeSerializer<ACC> accumulatorSerializer) {
        // the back aggregate is null while the back is empty: its serializer must take null
        TypeSerializer<?>[] fields = new TypeSerializer<?>[8];
        for (int i = 0; i < 7; i++) {
            fields[i] = LongSerializer.INSTANCE;
        }
        fields[7] = NullableSerializer.wrap(accumulatorSerializer, true);
        return new ValueStateDescriptor<>(
                name,
                (TypeSerializer<Tuple8<Long, Long, Long, Long, Long, Long, Long, ACC>>)
                        new TupleSerializer<>((Class) Tuple8.class, fields));
    }

    // ---- load and store ----

    /** Reads the current key's positions. */
    public void load() throws Exception {
        Tuple8<Long, Long, Long, Long, Long, Long, Long, ACC> value = state.value();
        loaded = value;
        if (value == null) {
            retainedOldest = 0;
            frontOldest = 0;
            backOldest = 0;
            next = 0;
            newest = Long.MIN_VALUE;
            time = Long.MIN_VALUE;
            mark = Long.MIN_VALUE;
            backAggregate = null;
        } else {
            retainedOldest = value.f0;
            frontOldest = value.f1;
            backOldest = value.f2;
            next = value.f3;
            newest = value.f4;
            time = value.f5;
            mark = value.f6;
            backAggregate = value.f7;
        }
    }

    /** Writes the current key's positions back; clears them when nothing is queued. */
    public void store() throws Exception {
        if (retainedOldest == next) {
            state.clear(); // nothing queued: the positions start again from 0
            return;
        }
        Tuple8<Long, Long, Long, Long, Long, Long, Long, ACC> value =
                loaded != null ? loaded : new Tuple8<>();
        value.f0 = retainedOldest;
        value.f1 = frontOldest;
        value.f2 = backOldest;
        value.f3 = next;
        value.f4 = newest;
        value.f5 = time;
        value.f6 = mark;
        value.f7 = backAggregate;
        state.update(value);
    }

    // ---- queries ----

    /** Whether the stacks (front and back) hold no slice. */
    public boolean stacksEmpty() {
        return frontOldest == next;
    }

    /** Whether nothing is queued, retained slices included. */
    public boolean isEmpty() {
        return retainedOldest == next;
    }

    /** Whether {@code slice} is queued in the stacks (not retained). */
    public boolean inStacks(long slice) throws Exception {
        return frontOldest < next && slice >= queue.get(frontOldest);
    }

    /**
     * The aggregate of all stack slices, null when they are empty. It may be stored state: the
     * caller must not change it.
     */
    public ACC aggregate() throws Exception {
        ACC front = frontOldest < backOldest ? suffixes.get(frontOldest) : null;
        if (front == null) {
            return backAggregate;
        }
        if (backAggregate == null) {
            return front;
        }
        return aggregate.merge(copy(front), copy(backAggregate));
    }

    // ---- changes ----

    /** Appends a complete slice, newer than every queued one, to the back. */
    public void push(long slice, ACC accumulator) throws Exception {
        queue.put(next, slice);
        next++;
        newest = slice;
        // merge may reuse either argument: the stored slice must stay as it is
        backAggregate =
                backAggregate == null
                        ? copy(accumulator)
                        : aggregate.merge(backAggregate, copy(accumulator));
    }

    /** Pops the stack slices before {@code firstKept}: retained, or dropped with their slice. */
    public void popBefore(long firstKept) throws Exception {
        while (frontOldest < next) {
            if (frontOldest == backOldest) {
                // the front is empty: the oldest slice is the back's
                if (newest < firstKept) {
                    for (long position = backOldest; position < next; position++) {
                        retire(position, queue.get(position));
                    }
                    frontOldest = next;
                    backOldest = next;
                    backAggregate = null;
                    return;
                }
                if (queue.get(backOldest) >= firstKept) {
                    return;
                }
                turnBackIntoFront();
            }
            long oldest = queue.get(frontOldest);
            if (oldest >= firstKept) {
                return;
            }
            suffixes.remove(frontOldest);
            retire(frontOldest, oldest);
            frontOldest++;
        }
    }

    /** Drops the oldest retained slices while {@code dead} holds for them. */
    public void dropRetainedWhile(LongPredicate dead) throws Exception {
        while (retainedOldest < frontOldest) {
            long slice = queue.get(retainedOldest);
            if (!dead.test(slice)) {
                return;
            }
            slices.remove(slice);
            queue.remove(retainedOldest);
            retainedOldest++;
        }
    }

    /**
     * Puts a new complete slice into the queue in slice order, wherever it falls: appended when it
     * is the newest, else inserted with the queue renumbered. The slices for which {@code inStacks}
     * holds (a suffix of the queue) are in the stacks, the older ones retained.
     */
    public void insert(long slice, LongPredicate inStacks) throws Exception {
        if (isEmpty() || slice > newest) {
            if (inStacks.test(slice) || !stacksEmpty()) {
                push(slice, slices.get(slice));
            } else {
                queue.put(next, slice);
                next++;
                newest = slice;
                frontOldest = next;
                backOldest = next;
            }
            return;
        }
        List<Long> all = new ArrayList<>((int) (next - retainedOldest + 1));
        for (long position = retainedOldest; position < next; position++) {
            all.add(queue.get(position));
        }
        int at = Collections.binarySearch(all, slice);
        all.add(-at - 1, slice);
        for (long position = frontOldest; position < backOldest; position++) {
            suffixes.remove(position);
        }
        long position = retainedOldest;
        long firstInStacks = -1;
        for (long s : all) {
            if (firstInStacks < 0 && inStacks.test(s)) {
                firstInStacks = position;
            }
            queue.put(position++, s);
        }
        next = position;
        frontOldest = firstInStacks < 0 ? next : firstInStacks;
        backOldest = frontOldest;
        rebuildStacks();
    }

    /** Turns all stack slices into the back, recomputing its aggregate from the slices. */
    public void rebuildStacks() throws Exception {
        for (long position = frontOldest; position < backOldest; position++) {
            suffixes.remove(position);
        }
        backOldest = frontOldest;
        backAggregate = null;
        for (long position = frontOldest; position < next; position++) {
            ACC slice = copy(slices.get(queue.get(position)));
            backAggregate = backAggregate == null ? slice : aggregate.merge(backAggregate, slice);
        }
    }

    /** A slice leaves the stacks: dropped at once unless popped slices are retained. */
    private void retire(long position, long slice) throws Exception {
        if (!retainPopped) {
            slices.remove(slice);
            queue.remove(position);
            retainedOldest = position + 1;
        }
    }

    /** The front is empty: the back's slices become the front, with their suffix aggregates. */
    private void turnBackIntoFront() throws Exception {
        ACC suffix = null;
        for (long position = next - 1; position >= backOldest; position--) {
            ACC slice = copy(slices.get(queue.get(position)));
            // merge may reuse either argument: the suffix stored for position + 1 must stay
            suffix = suffix == null ? slice : aggregate.merge(slice, copy(suffix));
            suffixes.put(position, suffix);
        }
        backOldest = next;
        backAggregate = null;
    }

    private ACC copy(ACC accumulator) {
        return serializer.copy(accumulator);
    }
}
