package dev.flinkkda.windows.sliding;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.List;
import java.util.function.LongPredicate;

/**
 * The complete slices of one key's {@link PerEventSlices} as a sliding aggregation whose window
 * only moves forward (Hammad et al.'s "two stacks"): a constant number of merges per slice for any
 * {@link AggregateFunction}, no inverse needed. Slices are pushed onto the back (one merge into its
 * aggregate) and popped from the front; when the front is empty, the back is turned into a new
 * front holding, for each slice, the aggregate from it to the front's end (one merge per slice).
 * The aggregate of the stacks is the front's oldest suffix merged with the back's aggregate.
 *
 * <pre>
 * size 10; slices at 0 5 9 12 16 (values 9 1 7 3 2), max
 * window of 12 = [2, 12]:   front (suffix maxima) | back (one max)
 *                           5:7  9:7              | 12:3          → max(7, 3) = 7
 * </pre>
 *
 * <p>The same algorithm as the hopping windows' {@code SliceQueue}, over the arrays of one state
 * value instead of map states (one state access per element and per timer, not one per slice
 * touched). Popped slices are retained (for late elements, combined from the slices) or dropped.
 */
final class PerEventSliceQueue<ACC> {

    private final AggregateFunction<?, ACC, ?> aggregate;
    private final TypeSerializer<ACC> serializer;
    private final boolean retainPopped;

    /**
     * @param retainPopped whether popped slices are retained (for late elements) or dropped
     */
    PerEventSliceQueue(
            AggregateFunction<?, ACC, ?> aggregate,
            TypeSerializer<ACC> serializer,
            boolean retainPopped) {
        this.aggregate = aggregate;
        this.serializer = serializer;
        this.retainPopped = retainPopped;
    }

    /** Whether no slice is queued, retained ones included. */
    static boolean isEmpty(PerEventSlices<?> s) {
        return s.queued() == 0;
    }

    /** The newest queued slice; {@code Long.MIN_VALUE} when none. */
    static long newest(PerEventSlices<?> s) {
        return s.queued() == 0 ? Long.MIN_VALUE : s.timeAt(s.queued() - 1);
    }

    /** Whether {@code slice} is at or after the stacks' oldest slice. */
    static boolean inStacks(PerEventSlices<?> s, long slice) {
        return s.front() < s.queued() && slice >= s.timeAt(s.front());
    }

    /**
     * The aggregate of all stack slices, null when they are empty. It may be stored state: the
     * caller must not change it.
     */
    ACC aggregate(PerEventSlices<ACC> s) {
        List<ACC> suffixes = s.suffixes();
        ACC front = suffixes.isEmpty() ? null : suffixes.get(suffixes.size() - 1);
        ACC back = s.backAggregate();
        if (front == null) {
            return back;
        }
        if (back == null) {
            return front;
        }
        return aggregate.merge(copy(front), copy(back));
    }

    /** Pushes the open slices up to {@code time} onto the back. */
    void pushUpTo(PerEventSlices<ACC> s, long time) {
        int queued = s.queued();
        while (queued < s.count() && s.timeAt(queued) <= time) {
            push(s, queued);
            queued++;
        }
    }

    /** Pushes the slice at {@code index}, the oldest open one, onto the back. */
    private void push(PerEventSlices<ACC> s, int index) {
        ACC back = s.backAggregate();
        // merge may reuse either argument: the stored slice must stay as it is
        ACC slice = copy(s.accumulatorAt(index));
        s.setBackAggregate(back == null ? slice : aggregate.merge(back, slice));
        s.setRegions(s.front(), s.back(), index + 1);
    }

    /** Pops the stack slices before {@code firstKept}: retained, or dropped. */
    void popBefore(PerEventSlices<ACC> s, long firstKept) {
        while (s.front() < s.queued()) {
            if (s.front() == s.back()) {
                // the front is empty: the oldest slice is the back's
                if (newest(s) < firstKept) {
                    int from = s.front();
                    int queued = s.queued();
                    s.setRegions(queued, queued, queued);
                    s.setBackAggregate(null);
                    if (!retainPopped) {
                        s.remove(from, queued);
                    }
                    return;
                }
                if (s.timeAt(s.back()) >= firstKept) {
                    return;
                }
                turnBackIntoFront(s);
            }
            int front = s.front();
            if (s.timeAt(front) >= firstKept) {
                return;
            }
            List<ACC> suffixes = s.suffixes();
            suffixes.remove(suffixes.size() - 1);
            if (retainPopped) {
                s.setRegions(front + 1, s.back(), s.queued());
            } else {
                s.remove(front, front + 1);
            }
        }
    }

    /** Drops the oldest retained slices while {@code dead} holds for them. */
    static void dropRetainedWhile(PerEventSlices<?> s, LongPredicate dead) {
        int end = 0;
        while (end < s.front() && dead.test(s.timeAt(end))) {
            end++;
        }
        s.remove(0, end);
    }

    /**
     * Adds a new complete slice (behind the time of every open one) to the queue in time order,
     * wherever it falls. The slices for which {@code inStacks} holds (a suffix of the queue) are in
     * the stacks, the older ones retained.
     */
    void insertComplete(
            PerEventSlices<ACC> s, long slice, ACC accumulator, LongPredicate inStacks) {
        int index = s.firstAtOrAfter(slice);
        if (isEmpty(s) || slice > newest(s)) {
            boolean stacksEmpty = s.front() == s.queued();
            s.insert(index, slice, accumulator); // at queued: the first open slice
            if (inStacks.test(slice) || !stacksEmpty) {
                push(s, index);
            } else {
                s.setRegions(index + 1, index + 1, index + 1); // retained
            }
            return;
        }
        s.insert(index, slice, accumulator); // inside the queued slices: they move up
        int front = 0;
        while (front < s.queued() && !inStacks.test(s.timeAt(front))) {
            front++;
        }
        s.setRegions(front, front, s.queued());
        rebuildStacks(s);
    }

    /** Turns all stack slices into the back, recomputing its aggregate from the slices. */
    void rebuildStacks(PerEventSlices<ACC> s) {
        s.suffixes().clear();
        s.setRegions(s.front(), s.front(), s.queued());
        ACC back = null;
        for (int index = s.front(); index < s.queued(); index++) {
            ACC slice = copy(s.accumulatorAt(index));
            back = back == null ? slice : aggregate.merge(back, slice);
        }
        s.setBackAggregate(back);
    }

    /** The front is empty: the back's slices become the front, with their suffix aggregates. */
    private void turnBackIntoFront(PerEventSlices<ACC> s) {
        List<ACC> suffixes = s.suffixes();
        ACC suffix = null;
        for (int index = s.queued() - 1; index >= s.back(); index--) {
            ACC slice = copy(s.accumulatorAt(index));
            // merge may reuse either argument: the suffix stored for index + 1 must stay
            suffix = suffix == null ? slice : aggregate.merge(slice, copy(suffix));
            suffixes.add(suffix);
        }
        s.setRegions(s.front(), s.queued(), s.queued());
        s.setBackAggregate(null);
    }

    private ACC copy(ACC accumulator) {
        return serializer.copy(accumulator);
    }
}
