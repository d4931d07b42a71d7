package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.SliceQueue;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

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
 *   <li>a {@link SliceQueue} of the complete panes in pane order: first the <em>retained</em> panes
 *       (in no window still to fire, kept for late elements within the allowed lateness), then the
 *       panes of the next window to fire as a queue in two stacks (Hammad et al.'s "two-stacks"
 *       sliding aggregation). Its time is the watermark the key's queue has reached (for restores).
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

    /**
     * The complete panes, in pane order; its {@link SliceQueue#time} is the watermark the key's
     * queue has reached (the latest timer, or late element, that changed it), for restores.
     */
    private transient SliceQueue<ACC> q;

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
        q =
                new SliceQueue<>(
                        getRuntimeContext(),
                        "hopping",
                        aggregate,
                        accumulatorType,
                        accumulatorSerializer,
                        panes,
                        allowedLateness > 0);
    }

    // ---- elements ----

    @Override
    void processInWindows(StreamRecord<T> element, long timestamp, long watermark)
            throws Exception {
        long pane = grid.paneOf(timestamp);
        long paneFireTime = grid.paneEnd(pane) - 1;
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
        q.load();
        watermark = Math.max(watermark, q.time);
        long firstWindow = grid.firstWindowOfPane(pane);
        long lastWindow = grid.lastWindowOfPane(pane);
        if (cleanupTime(lastWindow) <= watermark) {
            late(element); // all of its windows are past their cleanup time
            return;
        }
        q.time = watermark;
        ACC before = panes.get(pane);
        panes.put(
                pane,
                aggregate.add(
                        element.getValue(),
                        before == null ? aggregate.createAccumulator() : before));
        // whether a window of the pane still fires on time
        boolean live = fireTime(lastWindow) > watermark;
        if (before == null) {
            long time = watermark;
            q.insert(pane, p -> fireTime(grid.lastWindowOfPane(p)) > time);
        } else if (q.inStacks(pane)) {
            q.rebuildStacks();
        }
        if (live) {
            long next = Math.max(firstWindow, grid.firstWindowFiringAfter(watermark));
            registerTimer(fireTime(next));
        }
        if (allowedLateness > 0) {
            registerCleanupTimer(cleanupTime(lastWindow));
        }
        q.store();
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
        q.load();
        q.time = Math.max(q.time, time);
        if (time != Long.MAX_VALUE) {
            long end = time + 1;
            if (grid.isPaneEnd(end)) {
                long pane = grid.paneEndingAt(end);
                if (pane > q.newest) {
                    ACC accumulator = panes.get(pane);
                    if (accumulator != null) {
                        q.push(pane, accumulator);
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
            q.dropRetainedWhile(pane -> cleanupTime(grid.lastWindowOfPane(pane)) <= time);
        }
        q.store();
    }

    /** Fires window {@code k} at its end - 1, if it has panes. */
    private void fire(long k) throws Exception {
        q.popBefore(grid.firstPane(k));
        if (q.frontOldest == q.next) {
            return; // empty window
        }
        emitWindow(k, q.aggregate());
        q.popBefore(grid.firstPane(k + 1));
        if (q.frontOldest < q.next) {
            registerTimer(fireTime(k + 1));
        }
        if (allowedLateness > 0 && q.retainedOldest < q.frontOldest) {
            registerCleanupTimer(cleanupTime(k));
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
}
