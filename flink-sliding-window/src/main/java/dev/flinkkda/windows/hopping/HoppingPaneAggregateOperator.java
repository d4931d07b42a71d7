package dev.flinkkda.windows.hopping;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Overlapping hopping windows ({@code hop < size}) on the fast path: elements are aggregated into
 * panes of {@code g = gcd(size, hop)}, and a window's result is combined from its {@code size / g}
 * panes when it fires, with a constant number of merges per pane.
 *
 * <p><b>State, per key</b>: one value, {@link KeyPanes} (keyed state, so checkpointed with the
 * event-time timers), read once per element or timer and written back when it changed. It holds the
 * accumulator of every non-empty pane still needed, in pane order: first the <em>retained</em>
 * panes (in no window still to fire, kept for late elements within the allowed lateness), then the
 * panes of the next window to fire as a queue in two stacks (Hammad et al.'s "two-stacks" sliding
 * aggregation), then the open panes (the watermark has not passed their end, elements still arrive
 * in any order); and the watermark the key's panes have reached (for restores).
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
 * watermark: the pane's accumulator is updated (a new pane is inserted among the complete ones),
 * the stacks are rebuilt when the pane is in them, and the windows already past their end fire
 * again at once, combined from the panes. That is linear in the panes kept; late elements are
 * expected to be rare.
 */
final class HoppingPaneAggregateOperator<K, T, ACC, V, R>
        extends HoppingAggregateOperator<K, T, ACC, V, R> {

    private static final long serialVersionUID = 1L;

    /** The key's panes, complete and open, and their two stacks: one value per key. */
    private transient ValueState<KeyPanes<ACC>> keyPanes;

    private transient KeyPanes.Accumulators<ACC> accumulators;

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
        keyPanes =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "hopping-key-panes",
                                        new KeyPanesSerializer<>(accumulatorSerializer)));
        accumulators = new KeyPanes.Accumulators<>(aggregate, accumulatorSerializer);
    }

    // ---- elements ----

    @Override
    void processInWindows(StreamRecord<T> element, long timestamp, long watermark)
            throws Exception {
        long pane = grid.paneOf(timestamp);
        long paneFireTime = grid.paneEnd(pane) - 1;
        KeyPanes<ACC> panes = keyPanes.value();
        if (paneFireTime > watermark) {
            // The pane is open: its windows all end later, none has fired.
            if (panes == null) {
                panes = new KeyPanes<>(4);
            }
            int index = panes.findOpen(pane);
            if (index >= 0) {
                panes.accumulators[index] =
                        aggregate.add(element.getValue(), panes.accumulator(index));
            } else {
                panes.insert(
                        -index - 1,
                        pane,
                        aggregate.add(element.getValue(), aggregate.createAccumulator()));
                registerTimer(paneFireTime);
            }
            keyPanes.update(panes);
            return;
        }
        processLateElement(element, pane, panes == null ? new KeyPanes<>(4) : panes, watermark);
    }

    /** An element whose pane is complete (the watermark has passed its end). */
    private void processLateElement(
            StreamRecord<T> element, long pane, KeyPanes<ACC> panes, long watermark)
            throws Exception {
        watermark = Math.max(watermark, panes.time);
        long firstWindow = grid.firstWindowOfPane(pane);
        long lastWindow = grid.lastWindowOfPane(pane);
        if (cleanupTime(lastWindow) <= watermark) {
            late(element); // all of its windows are past their cleanup time
            return;
        }
        panes.time = watermark;
        int index = panes.findComplete(pane);
        // whether a window of the pane still fires on time
        boolean live = fireTime(lastWindow) > watermark;
        if (index < 0) {
            long time = watermark;
            panes.insertComplete(
                    pane,
                    aggregate.add(element.getValue(), aggregate.createAccumulator()),
                    p -> fireTime(grid.lastWindowOfPane(p)) > time,
                    accumulators);
        } else {
            panes.accumulators[index] = aggregate.add(element.getValue(), panes.accumulator(index));
            if (panes.inStacks(pane)) {
                panes.rebuildStacks(accumulators);
            }
        }
        if (live) {
            long next = Math.max(firstWindow, grid.firstWindowFiringAfter(watermark));
            registerTimer(fireTime(next));
        }
        if (allowedLateness > 0) {
            registerCleanupTimer(cleanupTime(lastWindow));
        }
        keyPanes.update(panes);
        // the windows past their end and within the allowed lateness fire again, at once
        long firstToFire = firstWindow;
        while (cleanupTime(firstToFire) <= watermark) {
            firstToFire++;
        }
        long lastToFire = Math.min(lastWindow, grid.firstWindowFiringAfter(watermark) - 1);
        if (firstToFire <= lastToFire) {
            fireFromPanes(panes, firstToFire, lastToFire);
        }
    }

    /** Fires windows {@code first..last} (past their end) from the panes kept. */
    private void fireFromPanes(KeyPanes<ACC> panes, long first, long last) throws Exception {
        for (long k = first; k <= last; k++) {
            long from = grid.firstPane(k);
            long to = grid.lastPane(k);
            ACC result = null;
            for (int i = panes.head; i < panes.end; i++) {
                if (panes.ids[i] >= from && panes.ids[i] <= to) {
                    ACC pane = copy(panes.accumulator(i));
                    result = result == null ? pane : aggregate.merge(result, pane);
                }
            }
            if (result != null) {
                emitWindow(k, result);
            }
        }
    }

    // ---- timers ----

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        KeyPanes<ACC> panes = keyPanes.value();
        if (panes == null) {
            return; // nothing kept: a cleanup timer of panes already gone
        }
        long time = timer.getTimestamp();
        panes.time = Math.max(panes.time, time);
        if (time != Long.MAX_VALUE) {
            long end = time + 1;
            if (grid.isPaneEnd(end)) {
                long pane = grid.paneEndingAt(end);
                if (panes.open < panes.end && panes.ids[panes.open] <= pane) {
                    long first = panes.ids[panes.open];
                    panes.completeUpTo(pane, accumulators);
                    long firstFireTime = fireTime(grid.firstWindowOfPane(first));
                    if (firstFireTime > time) {
                        registerTimer(firstFireTime);
                    }
                }
            }
            if (grid.isWindowEnd(end)) {
                fire(panes, grid.windowEndingAt(end));
            }
        }
        if (allowedLateness > 0) {
            panes.dropRetainedWhile(pane -> cleanupTime(grid.lastWindowOfPane(pane)) <= time);
        }
        if (panes.isEmpty()) {
            keyPanes.clear();
        } else {
            keyPanes.update(panes);
        }
    }

    /** Fires window {@code k} at its end - 1, if it has panes. */
    private void fire(KeyPanes<ACC> panes, long k) throws Exception {
        boolean retain = allowedLateness > 0;
        panes.popBefore(grid.firstPane(k), retain, accumulators);
        if (panes.stacksEmpty()) {
            return; // empty window
        }
        emitWindow(k, panes.aggregate(accumulators));
        panes.popBefore(grid.firstPane(k + 1), retain, accumulators);
        if (!panes.stacksEmpty()) {
            registerTimer(fireTime(k + 1));
        }
        if (retain && panes.head < panes.front) {
            registerCleanupTimer(cleanupTime(k));
        }
    }

    /** The number of pane accumulators kept for the current key. */
    @VisibleForTesting
    int panesKept() throws Exception {
        KeyPanes<ACC> panes = keyPanes.value();
        return panes == null ? 0 : panes.size();
    }

    private void registerCleanupTimer(long cleanupTime) {
        if (cleanupTime != Long.MAX_VALUE) { // as Flink: kept to the end of time
            registerTimer(cleanupTime);
        }
    }
}
