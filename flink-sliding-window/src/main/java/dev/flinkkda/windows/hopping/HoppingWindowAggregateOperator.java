package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.LateRule;

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

/**
 * Hopping windows that do not overlap ({@code hop >= size}: tumbling, or with gaps) on the fast
 * path: each window is one slice. Per key, keyed map state holds the accumulators of the open
 * windows (window index → accumulator, one event-time timer at each window's {@code end - 1}) and,
 * with allowed lateness, those of fired windows until their cleanup time.
 *
 * <p>Per timer timestamp {@code T}: the open window ending at {@code T + 1} fires (and moves to the
 * fired windows, with allowed lateness); the fired window whose cleanup time is {@code T} is
 * dropped. Which map holds a window — not the watermark — tells whether it has fired, so the state
 * stays consistent after a restore, when Flink's watermark starts again from {@code
 * Long.MIN_VALUE}: an element of a fired window kept for the lateness fires it again at once; one
 * of a window fired and dropped is judged by the watermark its key's state had reached (see {@link
 * HoppingAggregateOperator}).
 */
final class HoppingWindowAggregateOperator<K, T, ACC, V, R>
        extends HoppingAggregateOperator<K, T, ACC, V, R> {

    private static final long serialVersionUID = 1L;

    /** window index → accumulator of the windows still to fire. */
    private transient MapState<Long, ACC> open;

    /** window index → accumulator of fired windows kept for the allowed lateness. */
    private transient MapState<Long, ACC> fired;

    HoppingWindowAggregateOperator(
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
        open =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hopping-open-windows", Types.LONG, accumulatorType));
        fired =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hopping-fired-windows", Types.LONG, accumulatorType));
    }

    @Override
    void processInWindows(StreamRecord<T> element, long timestamp, long watermark)
            throws Exception {
        long k = grid.lastWindowOf(timestamp); // its only window
        ACC accumulator = open.get(k);
        if (accumulator != null) {
            open.put(k, aggregate.add(element.getValue(), accumulator));
            return;
        }
        if (allowedLateness > 0 && (accumulator = fired.get(k)) != null) {
            // A late firing: the window has fired and is kept for the allowed lateness.
            accumulator = aggregate.add(element.getValue(), accumulator);
            fired.put(k, accumulator);
            emitWindow(k, accumulator);
            return;
        }
        long fireTime = fireTime(k);
        if (fireTime > watermark) {
            open.put(k, aggregate.add(element.getValue(), aggregate.createAccumulator()));
            registerTimer(fireTime);
            return;
        }
        long cleanupTime = cleanupTime(k);
        if (cleanupTime <= watermark) {
            late(element);
            return;
        }
        // Past its end but within the allowed lateness, and empty so far: it fires at once.
        accumulator = aggregate.add(element.getValue(), aggregate.createAccumulator());
        fired.put(k, accumulator);
        registerCleanupTimer(cleanupTime);
        emitWindow(k, accumulator);
    }

    @Override
    void onTimer(InternalTimer<K, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        if (time != Long.MAX_VALUE && grid.isWindowEnd(time + 1)) {
            long k = grid.windowEndingAt(time + 1);
            ACC accumulator = open.get(k);
            if (accumulator != null) {
                open.remove(k);
                emitWindow(k, accumulator);
                if (allowedLateness > 0) {
                    fired.put(k, accumulator);
                    registerCleanupTimer(cleanupTime(k));
                }
            }
        }
        if (allowedLateness > 0 && time - allowedLateness < time) {
            long end = time - allowedLateness + 1; // of the window whose cleanup time is now
            if (grid.isWindowEnd(end)) {
                fired.remove(grid.windowEndingAt(end));
            }
        }
    }

    private void registerCleanupTimer(long cleanupTime) {
        if (cleanupTime != Long.MAX_VALUE) { // as Flink: a window kept to the end of time stays
            registerTimer(cleanupTime);
        }
    }
}
