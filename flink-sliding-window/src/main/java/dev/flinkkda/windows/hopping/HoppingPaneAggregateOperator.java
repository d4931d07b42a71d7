package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.LateRule;

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
            HoppingGrid windows,
            boolean alignedToFirstElement,
            LateRule lateRule,
            long allowedLateness,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            OutputTag<T> lateDataTag) {
        super(
                windows,
                alignedToFirstElement,
                lateRule,
                allowedLateness,
                aggregate,
                accumulatorType,
                windowFunction,
                lateDataTag);
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
                arm(panes, paneFireTime);
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
        arm(panes, nextDue(panes));
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

    /**
     * Everything due up to the watermark, in time order: panes complete at their end - 1, windows
     * fire at theirs, retained panes are dropped at their last window's cleanup time. One timer per
     * key is armed, at the next time something is due ({@link KeyPanes#armed}).
     */
    @Override
    void onTimer(InternalTimer<K, VoidNamespace> timer) throws Exception {
        KeyPanes<ACC> panes = keyPanes.value();
        if (panes == null) {
            return; // nothing kept: a timer of panes already gone
        }
        long time = timer.getTimestamp();
        if (panes.armed == time) {
            panes.armed = Long.MAX_VALUE;
        }
        long watermark = Math.max(time, currentWatermark());
        while (true) {
            long paneDue = panes.open < panes.end ? grid.paneEnd(panes.ids[panes.open]) - 1 : NONE;
            long due = Math.min(paneDue, nextWindowDue(panes));
            if (due > watermark || due == NONE) {
                break;
            }
            if (paneDue == due) {
                panes.completeUpTo(grid.paneEndingAt(due + 1), accumulators);
            }
            if (grid.isWindowEnd(due + 1)) {
                fire(panes, grid.windowEndingAt(due + 1));
            }
            panes.time = Math.max(panes.time, due);
        }
        panes.time = Math.max(panes.time, watermark);
        if (allowedLateness > 0) {
            panes.dropRetainedWhile(pane -> cleanupTime(grid.lastWindowOfPane(pane)) <= watermark);
        }
        if (panes.isEmpty()) {
            keyPanes.clear();
        } else {
            arm(panes, nextDue(panes));
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
    }

    /** No time: nothing is due. */
    private static final long NONE = Long.MAX_VALUE;

    /**
     * The end - 1 of the next window with panes that fires after the key's time, {@link #NONE} if
     * the stacks are empty.
     */
    private long nextWindowDue(KeyPanes<ACC> panes) {
        if (panes.stacksEmpty() || panes.time == Long.MAX_VALUE) {
            return NONE;
        }
        long k = grid.firstWindowOfPane(panes.ids[panes.front]);
        if (panes.time != Long.MIN_VALUE) {
            k = Math.max(k, grid.firstWindowFiringAfter(panes.time));
        }
        return fireTime(k);
    }

    /**
     * The next time something is due for the key: an open pane completes, a window fires, or the
     * oldest retained pane's last window is past its cleanup time ({@link #NONE} for none).
     */
    private long nextDue(KeyPanes<ACC> panes) {
        long due = nextWindowDue(panes);
        if (panes.open < panes.end) {
            due = Math.min(due, grid.paneEnd(panes.ids[panes.open]) - 1);
        }
        if (allowedLateness > 0 && panes.head < panes.front) {
            due = Math.min(due, cleanupTime(grid.lastWindowOfPane(panes.ids[panes.head])));
        }
        return due;
    }

    /**
     * A timer at {@code time} unless one at or before it is armed: the timer that fires first takes
     * everything due by then and arms the next ({@code Long.MAX_VALUE}: never, as Flink keeps
     * windows with that cleanup time to the end of time).
     */
    private void arm(KeyPanes<ACC> panes, long time) {
        if (time < panes.armed) {
            registerTimer(time);
            panes.armed = time;
        }
    }

    /** The number of pane accumulators kept for the current key. */
    @VisibleForTesting
    int panesKept() throws Exception {
        KeyPanes<ACC> panes = keyPanes.value();
        return panes == null ? 0 : panes.size();
    }
}
