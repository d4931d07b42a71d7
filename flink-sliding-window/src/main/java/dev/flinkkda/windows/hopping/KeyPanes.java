package dev.flinkkda.windows.hopping;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * The non-empty panes of one key, in pane order, in one state value: the hopping fast path's whole
 * keyed state but its timers. A queue in two stacks (Hammad et al.'s "two-stacks" sliding
 * aggregation) over the complete panes, with a constant number of merges per pane for any {@link
 * AggregateFunction} (no inverse needed), and the open panes after them.
 *
 * <pre>
 * index     head          front           back             open           end
 *           | retained …  | front stack … | back stack …   | open panes … |
 *             kept for      suffixes[i] =   one aggregate    elements still
 *             late elements panes i..back-1 of the back      arrive
 * </pre>
 *
 * <p>Complete panes are pushed onto the back (one merge into its aggregate) by moving {@code open}
 * past them; they are popped from the front; when the front is empty, the back is turned into a new
 * front holding, for each pane, the aggregate from it to the front's end (one merge per pane). The
 * aggregate of all stack panes is the front's oldest suffix merged with the back's aggregate.
 * Popped panes are retained (for late elements) or dropped.
 *
 * <p>The operator reads the value once per element or timer and writes it back when it changed (the
 * heap state backend hands out the live object, RocksDB a copy). Accumulators are never changed in
 * place once merged: {@code merge} gets copies.
 *
 * @param <ACC> the accumulator type
 */
final class KeyPanes<ACC> {

    long[] ids;
    Object[] accumulators;
    Object[] suffixes;
    int head;
    int front;
    int back;
    int open;
    int end;
    Object backAggregate;

    /**
     * The watermark the key's panes have reached (the latest timer or late element), for restores.
     */
    long time = Long.MIN_VALUE;

    /**
     * The earliest event-time timer armed for the key and not fired yet ({@code Long.MAX_VALUE}:
     * none known): a later one is not needed, as that timer arms the next.
     */
    long armed = Long.MAX_VALUE;

    KeyPanes(int capacity) {
        ids = new long[capacity];
        accumulators = new Object[capacity];
        suffixes = new Object[capacity];
    }

    /** Whether no pane is kept. */
    boolean isEmpty() {
        return head == end;
    }

    /** The number of panes kept. */
    int size() {
        return end - head;
    }

    @SuppressWarnings("unchecked")
    ACC accumulator(int index) {
        return (ACC) accumulators[index];
    }

    // ---- finding panes ----

    /** The index of open pane {@code pane}, or {@code -(insertion index) - 1}. */
    int findOpen(long pane) {
        int i = end - 1;
        while (i >= open && ids[i] > pane) {
            i--;
        }
        return i >= open && ids[i] == pane ? i : -(i + 1) - 1;
    }

    /** The index of complete pane {@code pane}, or {@code -(insertion index) - 1}. */
    int findComplete(long pane) {
        return Arrays.binarySearch(ids, head, open, pane);
    }

    /** The newest complete pane; only when there is one. */
    long newestComplete() {
        return ids[open - 1];
    }

    /** Inserts {@code pane} at {@code index}; the caller moves the region bounds after it. */
    void insert(int index, long pane, ACC accumulator) {
        if (end == ids.length) {
            int fromHead = index - head;
            makeRoom();
            index = head + fromHead;
        }
        System.arraycopy(ids, index, ids, index + 1, end - index);
        System.arraycopy(accumulators, index, accumulators, index + 1, end - index);
        System.arraycopy(suffixes, index, suffixes, index + 1, end - index);
        ids[index] = pane;
        accumulators[index] = accumulator;
        suffixes[index] = null;
        end++;
    }

    /**
     * Room for one more pane at the end: the panes move down to index 0 if that frees half the
     * arrays, else the arrays double.
     */
    private void makeRoom() {
        int size = size();
        if (head > 0 && size < ids.length / 2) {
            shift(-head);
        } else {
            int capacity = Math.max(4, ids.length * 2);
            ids = Arrays.copyOf(ids, capacity);
            accumulators = Arrays.copyOf(accumulators, capacity);
            suffixes = Arrays.copyOf(suffixes, capacity);
        }
    }

    private void shift(int by) {
        int size = size();
        System.arraycopy(ids, head, ids, head + by, size);
        System.arraycopy(accumulators, head, accumulators, head + by, size);
        System.arraycopy(suffixes, head, suffixes, head + by, size);
        Arrays.fill(accumulators, head + by + size, end, null);
        Arrays.fill(suffixes, head + by + size, end, null);
        head += by;
        front += by;
        back += by;
        open += by;
        end += by;
    }

    // ---- the stacks ----

    /** Whether the stacks (front and back) hold no pane. */
    boolean stacksEmpty() {
        return front == open;
    }

    /** Whether {@code pane} is complete and in the stacks (not retained). */
    boolean inStacks(long pane) {
        return front < open && pane >= ids[front];
    }

    /** The open panes up to {@code pane} are complete: they are pushed onto the back. */
    void completeUpTo(long pane, Accumulators<ACC> f) {
        while (open < end && ids[open] <= pane) {
            push(f);
        }
    }

    /** The pane at {@code open} joins the back. */
    private void push(Accumulators<ACC> f) {
        ACC accumulator = f.copy(accumulator(open));
        backAggregate = backAggregate == null ? accumulator : f.merge(castBack(), accumulator);
        open++;
    }

    /**
     * The aggregate of all stack panes, null when they are empty. It may be kept state: the caller
     * must not change it.
     */
    ACC aggregate(Accumulators<ACC> f) {
        @SuppressWarnings("unchecked")
        ACC frontAggregate = front < back ? (ACC) suffixes[front] : null;
        if (frontAggregate == null) {
            return castBack();
        }
        if (backAggregate == null) {
            return frontAggregate;
        }
        return f.merge(f.copy(frontAggregate), f.copy(castBack()));
    }

    /**
     * Pops the stack panes before {@code firstKept}: retained, or dropped with their accumulators;
     * an empty front is refilled from the back.
     */
    void popBefore(long firstKept, boolean retain, Accumulators<ACC> f) {
        while (front < open) {
            if (front == back) {
                // the front is empty: the oldest pane is the back's
                if (ids[open - 1] < firstKept) {
                    for (int i = back; i < open; i++) {
                        retire(i, retain);
                    }
                    front = open;
                    back = open;
                    backAggregate = null;
                    return;
                }
                if (ids[back] >= firstKept) {
                    return;
                }
                turnBackIntoFront(f);
            }
            if (ids[front] >= firstKept) {
                return;
            }
            suffixes[front] = null;
            retire(front, retain);
            front++;
        }
    }

    private void retire(int index, boolean retain) {
        if (!retain) {
            accumulators[index] = null;
            head = index + 1;
        }
    }

    /** The front is empty: the back's panes become the front, with their suffix aggregates. */
    private void turnBackIntoFront(Accumulators<ACC> f) {
        ACC suffix = null;
        for (int i = open - 1; i >= back; i--) {
            ACC pane = f.copy(accumulator(i));
            suffix = suffix == null ? pane : f.merge(pane, f.copy(suffix));
            suffixes[i] = suffix;
        }
        back = open;
        backAggregate = null;
    }

    /** Drops the oldest retained panes while {@code dead} holds for them. */
    void dropRetainedWhile(LongPredicate dead) {
        while (head < front && dead.test(ids[head])) {
            accumulators[head] = null;
            head++;
        }
    }

    /**
     * Puts a new complete pane (a late element's) into the complete panes in pane order: pushed
     * when it is the newest, else inserted with the stacks rebuilt. The panes for which {@code
     * inStacks} holds (a suffix of the complete panes) are in the stacks, the older ones retained.
     */
    void insertComplete(long pane, ACC accumulator, LongPredicate inStacks, Accumulators<ACC> f) {
        if (head == open || pane > newestComplete()) {
            insert(open, pane, accumulator);
            if (inStacks.test(pane) || !stacksEmpty()) {
                push(f);
            } else {
                open++;
                front = open;
                back = open;
            }
            return;
        }
        int index = -findComplete(pane) - 1;
        insert(index, pane, accumulator);
        open++;
        int firstInStacks = head;
        while (firstInStacks < open && !inStacks.test(ids[firstInStacks])) {
            firstInStacks++;
        }
        Arrays.fill(suffixes, head, end, null);
        front = firstInStacks;
        back = firstInStacks;
        rebuildStacks(f);
    }

    /** Turns all stack panes into the back, recomputing its aggregate from the panes. */
    void rebuildStacks(Accumulators<ACC> f) {
        Arrays.fill(suffixes, front, back, null);
        back = front;
        backAggregate = null;
        for (int i = front; i < open; i++) {
            ACC pane = f.copy(accumulator(i));
            backAggregate = backAggregate == null ? pane : f.merge(castBack(), pane);
        }
    }

    @SuppressWarnings("unchecked")
    private ACC castBack() {
        return (ACC) backAggregate;
    }

    /** The aggregate function's merge, and copies made with the accumulator serializer. */
    static final class Accumulators<ACC> {
        private final AggregateFunction<?, ACC, ?> aggregate;
        private final TypeSerializer<ACC> serializer;

        Accumulators(AggregateFunction<?, ACC, ?> aggregate, TypeSerializer<ACC> serializer) {
            this.aggregate = aggregate;
            this.serializer = serializer;
        }

        ACC copy(ACC accumulator) {
            return serializer.copy(accumulator);
        }

        /** {@code merge} may reuse either argument: callers pass copies or their own values. */
        ACC merge(ACC a, ACC b) {
            return aggregate.merge(a, b);
        }
    }
}
