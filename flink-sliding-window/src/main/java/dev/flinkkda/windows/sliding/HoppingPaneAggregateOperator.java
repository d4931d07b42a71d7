package dev.flinkkda.windows.sliding;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.tuple.Tuple7;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializer;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Overlapping hopping windows ({@code hop < size}) on the fast path: elements are aggregated into
 * panes of {@code g = gcd(size, hop)}, and a window's result is combined from its {@code size / g}
 * panes when it fires, with a constant number of merges per pane.
 *
 * <p><b>State, per key</b> (all keyed state, so checkpointed with the event-time timers):
 *
 * <ul>
 *   <li>{@code panes}: pane index → accumulator of every non-empty pane still needed: open panes
 *       (the watermark has not passed their end, elements still arrive in any order) and complete
 *       ones until their last window is past its cleanup time.
 *   <li>{@code queue}: the complete panes in pane order, under consecutive positions (panes may be
 *       sparse; positions are not): first the <em>retained</em> panes (in no window still to fire,
 *       kept for late elements within the allowed lateness), then the panes of the next window to
 *       fire as a queue in two stacks (Hammad et al.'s "two-stacks" sliding aggregation): the
 *       <em>front</em>, whose entries in {@code suffixes} hold the aggregate from that pane to the
 *       end of the front, and the <em>back</em>, whose aggregate is kept in the queue state.
 *   <li>{@code queueState}: the positions (retained, front, back, next), the newest queued pane,
 *       the watermark the key's queue has reached (for restores) and the back's aggregate, in one
 *       value.
 * </ul>
 *
 * <p><b>Time line.</b> A new pane arms a timer at its end - 1. When the watermark reaches it, the
 * pane is complete and is pushed onto the back (one merge). A window fires at its end - 1: panes
 * before its first pane leave the front (when the front is empty, the back is turned into a new
 * front, one merge per pane), its result is the front's oldest suffix merged with the back's
 * aggregate, and the panes the next window does not share leave too. The next window's timer is
 * armed if queued panes remain; a pane's first window is armed when it is pushed. Each pane is
 * pushed, turned over and popped once: the cost per pane and per window does not grow with {@code
 * size / hop}, and empty panes cost nothing.
 *
 * <p><b>Late elements</b> (their pane is complete) join the windows whose cleanup time is after the
 * watermark: the pane's accumulator is updated (a new pane is inserted into the queue, which is
 * renumbered), the stacks are rebuilt when the pane is in them, and the windows already past their
 * end fire again at once, combined from the panes. That is linear in the panes kept; late elements
 * are expected to be rare.
 */
final class HoppingPaneAggregateOperator<K, T, ACC, V, R>
        extends HoppingAggregateOperator<K, T, ACC, V, R> {

    private static final long serialVersionUID = 1L;

    private transient MapState<Long, ACC> panes;
    private transient MapState<Long, Long> queue;
    private transient MapState<Long, ACC> suffixes;

    /**
     * f0 oldest retained position, f1 oldest front position, f2 oldest back position, f3 next
     * position, f4 newest queued pane, f5 the watermark the key's queue has reached (the latest
     * timer, or late element, that changed it), f6 back aggregate (null when the back is empty).
     * Retained panes are at {@code [f0, f1)}, the front at {@code [f1, f2)}, the back at {@code
     * [f2, f3)}. Cleared when nothing is queued.
     */
    private transient ValueState<Tuple7<Long, Long, Long, Long, Long, Long, ACC>> queueState;

    /** The key's queue state while one call works on it. */
    private transient Positions<ACC> q;

    HoppingPaneAggregateOperator(
            HoppingGrid grid,
            long allowedLateness,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            OutputTag<T> lateDataTag) {
        super(grid, allowedLateness, aggregate, accumulatorType, windowFunction, lateDataTag);
    }

    @Override
    public void open() throws Exception {
        super.open();
        panes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hopping-panes", Types.LONG, accumulatorType));
        queue =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("hopping-queue", Types.LONG, Types.LONG));
        suffixes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hopping-front-suffixes", Types.LONG, accumulatorType));
        queueState = getRuntimeContext().getState(queueDescriptor(accumulatorSerializer));
        q = new Positions<>();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <ACC>
            ValueStateDescriptor<Tuple7<Long, Long, Long, Long, Long, Long, ACC>> queueDescriptor(
                    TypeSerializer<ACC> accumulatorSerializer) {
        // the back aggregate is null while the back is empty: its serializer must take null
        TypeSerializer<Tuple7<Long, Long, Long, Long, Long, Long, ACC>> serializer =
                new TupleSerializer<>(
                        (Class) Tuple7.class,
                        new TypeSerializer<?>[] {
                            LongSerializer.INSTANCE,
                            LongSerializer.INSTANCE,
                            LongSerializer.INSTANCE,
                            LongSerializer.INSTANCE,
                            LongSerializer.INSTANCE,
                            LongSerializer.INSTANCE,
                            NullableSerializer.wrap(accumulatorSerializer, true)
                        });
        return new ValueStateDescriptor<>("hopping-queue-state", serializer);
    }

    // ---- elements ----

    @Override
    void processInWindows(StreamRecord<T> element, long timestamp, long watermark)
            throws Exception {
        long pane = grid.paneOf(timestamp);
        long paneFireTime = grid.paneEnd(pane) - 1;
        if (paneFireTime > watermark && behindRestoredWatermark(watermark)) {
            // After a restore: the key's queue may already be further than the watermark.
            load();
            watermark = Math.max(watermark, q.watermark);
        }
        if (paneFireTime > watermark) {
            // The pane is open: its windows all end later, none has fired.
            ACC accumulator = panes.get(pane);
            if (accumulator == null) {
                accumulator = aggregate.createAccumulator();
                registerTimer(paneFireTime);
            }
            panes.put(pane, aggregate.add(element.getValue(), accumulator));
            return;
        }
        processLateElement(element, pane, watermark);
    }

    /** An element whose pane is complete (the watermark has passed its end). */
    private void processLateElement(StreamRecord<T> element, long pane, long watermark)
            throws Exception {
        load();
        watermark = Math.max(watermark, q.watermark);
        long firstWindow = grid.firstWindowOfPane(pane);
        long lastWindow = grid.lastWindowOfPane(pane);
        if (cleanupTime(lastWindow) <= watermark) {
            late(element); // all of its windows are past their cleanup time
            return;
        }
        q.watermark = watermark;
        ACC before = panes.get(pane);
        panes.put(
                pane,
                aggregate.add(
                        element.getValue(),
                        before == null ? aggregate.createAccumulator() : before));
        // whether a window of the pane still fires on time
        boolean live = fireTime(lastWindow) > watermark;
        if (before == null) {
            insert(pane, live, watermark);
        } else if (q.frontOldest < q.next && pane >= queue.get(q.frontOldest)) {
            rebuildStacks();
        }
        if (live) {
            long next = Math.max(firstWindow, grid.firstWindowFiringAfter(watermark));
            registerTimer(fireTime(next));
        }
        if (allowedLateness > 0) {
            registerCleanupTimer(cleanupTime(lastWindow));
        }
        store();
        // the windows past their end and within the allowed lateness fire again, at once
        long firstToFire = firstWindow;
        while (cleanupTime(firstToFire) <= watermark) {
            firstToFire++;
        }
        long lastToFire = Math.min(lastWindow, grid.firstWindowFiringAfter(watermark) - 1);
        if (firstToFire <= lastToFire) {
            fireFromPanes(firstToFire, lastToFire);
        }
    }

    /**
     * Puts a new complete pane into the queue: appended when it is the newest, else inserted in
     * pane order with the queue renumbered. A pane none of whose windows fires on time any more is
     * retained; the others go to the stacks.
     */
    private void insert(long pane, boolean live, long watermark) throws Exception {
        if (q.retainedOldest == q.next || pane > q.newestPane) {
            if (live || q.frontOldest < q.next) {
                push(pane, panes.get(pane));
            } else {
                queue.put(q.next, pane);
                q.next++;
                q.newestPane = pane;
                q.frontOldest = q.next;
                q.backOldest = q.next;
            }
            return;
        }
        List<Long> all = new ArrayList<>((int) (q.next - q.retainedOldest + 1));
        for (long position = q.retainedOldest; position < q.next; position++) {
            all.add(queue.get(position));
        }
        int at = Collections.binarySearch(all, pane);
        all.add(-at - 1, pane);
        for (long position = q.frontOldest; position < q.backOldest; position++) {
            suffixes.remove(position);
        }
        long position = q.retainedOldest;
        long firstLive = -1;
        for (long p : all) {
            if (firstLive < 0 && fireTime(grid.lastWindowOfPane(p)) > watermark) {
                firstLive = position;
            }
            queue.put(position++, p);
        }
        q.next = position;
        q.frontOldest = firstLive < 0 ? q.next : firstLive;
        rebuildStacks();
    }

    /** Turns all stack panes into the back, recomputing its aggregate from the panes. */
    private void rebuildStacks() throws Exception {
        for (long position = q.frontOldest; position < q.backOldest; position++) {
            suffixes.remove(position);
        }
        q.backOldest = q.frontOldest;
        q.backAggregate = null;
        for (long position = q.frontOldest; position < q.next; position++) {
            ACC pane = copy(panes.get(queue.get(position)));
            q.backAggregate =
                    q.backAggregate == null ? pane : aggregate.merge(q.backAggregate, pane);
        }
    }

    /** Fires windows {@code first..last} (past their end) from the panes kept. */
    private void fireFromPanes(long first, long last) throws Exception {
        long from = grid.firstPane(first);
        long to = grid.lastPane(last);
        TreeMap<Long, ACC> inRange = new TreeMap<>();
        for (Map.Entry<Long, ACC> entry : panes.entries()) {
            if (entry.getKey() >= from && entry.getKey() <= to) {
                inRange.put(entry.getKey(), entry.getValue());
            }
        }
        for (long k = first; k <= last; k++) {
            ACC result = null;
            for (ACC pane :
                    inRange.subMap(grid.firstPane(k), true, grid.lastPane(k), true).values()) {
                result = result == null ? copy(pane) : aggregate.merge(result, copy(pane));
            }
            if (result != null) {
                emitWindow(k, result);
            }
        }
    }

    // ---- timers ----

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        load();
        q.watermark = Math.max(q.watermark, time);
        if (time != Long.MAX_VALUE) {
            long end = time + 1;
            if (grid.isPaneEnd(end)) {
                long pane = grid.paneEndingAt(end);
                if (pane > q.newestPane) {
                    ACC accumulator = panes.get(pane);
                    if (accumulator != null) {
                        push(pane, accumulator);
                        long firstFireTime = fireTime(grid.firstWindowOfPane(pane));
                        if (firstFireTime > time) {
                            registerTimer(firstFireTime);
                        }
                    }
                }
            }
            if (grid.isWindowEnd(end)) {
                fire(grid.windowEndingAt(end));
            }
        }
        if (allowedLateness > 0) {
            dropRetained(time);
        }
        store();
    }

    /** Fires window {@code k} at its end - 1, if it has panes. */
    private void fire(long k) throws Exception {
        popBefore(grid.firstPane(k));
        if (q.frontOldest == q.next) {
            return; // empty window
        }
        emitWindow(k, stacksAggregate());
        popBefore(grid.firstPane(k + 1));
        if (q.frontOldest < q.next) {
            registerTimer(fireTime(k + 1));
        }
        if (allowedLateness > 0 && q.retainedOldest < q.frontOldest) {
            registerCleanupTimer(cleanupTime(k));
        }
    }

    // ---- the queue ----

    /** Appends a complete pane to the back of the queue. */
    private void push(long pane, ACC accumulator) throws Exception {
        queue.put(q.next, pane);
        q.next++;
        q.newestPane = pane;
        // merge may reuse either argument: the stored pane must stay as it is
        q.backAggregate =
                q.backAggregate == null
                        ? copy(accumulator)
                        : aggregate.merge(q.backAggregate, copy(accumulator));
    }

    /**
     * Moves the stack panes before {@code firstKept} out of the stacks: to the retained panes, or,
     * without allowed lateness, out of state.
     */
    private void popBefore(long firstKept) throws Exception {
        while (q.frontOldest < q.next) {
            if (q.frontOldest == q.backOldest) {
                // the front is empty: the oldest pane is the back's
                if (q.newestPane < firstKept) {
                    for (long position = q.backOldest; position < q.next; position++) {
                        retire(position, queue.get(position));
                    }
                    q.frontOldest = q.next;
                    q.backOldest = q.next;
                    q.backAggregate = null;
                    return;
                }
                if (queue.get(q.backOldest) >= firstKept) {
                    return;
                }
                turnBackIntoFront();
            }
            long oldest = queue.get(q.frontOldest);
            if (oldest >= firstKept) {
                return;
            }
            suffixes.remove(q.frontOldest);
            retire(q.frontOldest, oldest);
            q.frontOldest++;
        }
    }

    /** A pane leaves the stacks: without allowed lateness it is dropped at once. */
    private void retire(long position, long pane) throws Exception {
        if (allowedLateness == 0) {
            panes.remove(pane);
            queue.remove(position);
            q.retainedOldest = position + 1;
        }
    }

    /** The front is empty: the back's panes become the front, with their suffix aggregates. */
    private void turnBackIntoFront() throws Exception {
        ACC suffix = null;
        for (long position = q.next - 1; position >= q.backOldest; position--) {
            ACC pane = copy(panes.get(queue.get(position)));
            // merge may reuse either argument: the suffix stored for position + 1 must stay
            suffix = suffix == null ? pane : aggregate.merge(pane, copy(suffix));
            suffixes.put(position, suffix);
        }
        q.backOldest = q.next;
        q.backAggregate = null;
    }

    /** The aggregate of all stack panes: the firing window's. */
    private ACC stacksAggregate() throws Exception {
        ACC front = q.frontOldest < q.backOldest ? suffixes.get(q.frontOldest) : null;
        ACC back = q.backAggregate;
        if (front == null) {
            return back;
        }
        if (back == null) {
            return front;
        }
        return aggregate.merge(copy(front), copy(back));
    }

    /** Drops the retained panes whose last window's cleanup time is {@code time} or earlier. */
    private void dropRetained(long time) throws Exception {
        while (q.retainedOldest < q.frontOldest) {
            long pane = queue.get(q.retainedOldest);
            if (cleanupTime(grid.lastWindowOfPane(pane)) > time) {
                return;
            }
            panes.remove(pane);
            queue.remove(q.retainedOldest);
            q.retainedOldest++;
        }
    }

    /** The number of pane accumulators kept for the current key. */
    @VisibleForTesting
    int panesKept() throws Exception {
        int kept = 0;
        for (Long ignored : panes.keys()) {
            kept++;
        }
        return kept;
    }

    private void registerCleanupTimer(long cleanupTime) {
        if (cleanupTime != Long.MAX_VALUE) { // as Flink: kept to the end of time
            registerTimer(cleanupTime);
        }
    }

    private void load() throws Exception {
        Tuple7<Long, Long, Long, Long, Long, Long, ACC> state = queueState.value();
        q.state = state;
        if (state == null) {
            q.retainedOldest = 0;
            q.frontOldest = 0;
            q.backOldest = 0;
            q.next = 0;
            q.newestPane = Long.MIN_VALUE;
            q.watermark = Long.MIN_VALUE;
            q.backAggregate = null;
        } else {
            q.retainedOldest = state.f0;
            q.frontOldest = state.f1;
            q.backOldest = state.f2;
            q.next = state.f3;
            q.newestPane = state.f4;
            q.watermark = state.f5;
            q.backAggregate = state.f6;
        }
    }

    private void store() throws Exception {
        if (q.retainedOldest == q.next) {
            queueState.clear(); // nothing queued: the positions start again from 0
            return;
        }
        Tuple7<Long, Long, Long, Long, Long, Long, ACC> state =
                q.state != null ? q.state : new Tuple7<>();
        state.f0 = q.retainedOldest;
        state.f1 = q.frontOldest;
        state.f2 = q.backOldest;
        state.f3 = q.next;
        state.f4 = q.newestPane;
        state.f5 = q.watermark;
        state.f6 = q.backAggregate;
        queueState.update(state);
    }

    /** The queue state of the current key, as plain fields while one call works on it. */
    private static final class Positions<ACC> {
        Tuple7<Long, Long, Long, Long, Long, Long, ACC> state;
        long retainedOldest;
        long frontOldest;
        long backOldest;
        long next;
        long newestPane;
        long watermark;
        ACC backAggregate;
    }
}
