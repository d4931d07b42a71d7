package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.core.EventTimeWindowOperator;
import dev.flinkkda.windows.core.LateRule;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event-time stagger windows with incremental aggregation in one operator: the fast path behind
 * {@link StaggerWindowedStream}. Same windows as {@link EventTimeStaggerWindows#window} (the
 * input's windows in timestamp order), without Flink's merging-window bookkeeping per element.
 *
 * <p>Per key it keeps the open window's start and accumulator, the elements that may open a new
 * window pre-aggregated per timestamp (until the watermark passes them, as {@link
 * StaggerTimestampOrder} does), and — with allowed lateness — the accumulators of fired windows
 * until their cleanup time. All of it is keyed state with event-time timers, so it is checkpointed.
 *
 * <p>Per timer timestamp {@code T}, in this order: elements held at {@code T} join the open window
 * or open the next one; the open window fires when {@code T = end - 1}; fired windows whose cleanup
 * time {@code end - 1 + allowedLateness} is {@code T} are dropped.
 *
 * <p>Lateness is judged by {@link #latenessWatermark()}: after a restore, by at least the watermark
 * the key's state had reached, as if the job had not failed. Under {@link
 * LateRule#ELEMENT_TIMESTAMP} an element with {@code t + allowedLateness <= watermark} is late on
 * arrival; the others are placed as under Flink's rule.
 */
final class StaggerAggregateOperator<K, T, ACC, V, R>
        extends EventTimeWindowOperator<K, T, ACC, V, R, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final TypeInformation<ACC> accumulatorType;

    private transient ValueState<Long> openStart;
    private transient ValueState<ACC> openAccumulator;
    private transient MapState<Long, ACC> held;
    private transient MapState<Long, ACC> fired;

    StaggerAggregateOperator(
            long size,
            long allowedLateness,
            LateRule lateRule,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            OutputTag<T> lateDataTag) {
        super(
                aggregate,
                windowFunction,
                "EventTimeStaggerWindows.window(keyed), Flink's WindowedStream,",
                "stagger",
                "stagger windows",
                lateRule,
                allowedLateness,
                lateDataTag);
        this.size = size;
        this.accumulatorType = accumulatorType;
    }

    @Override
    public void open() throws Exception {
        super.open();
        openStart =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("stagger-open-start", Types.LONG));
        openAccumulator =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("stagger-open-acc", accumulatorType));
        held =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "stagger-held", Types.LONG, accumulatorType));
        fired =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "stagger-fired", Types.LONG, accumulatorType));
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        long timestamp = timestampOf(element);
        T value = element.getValue();
        long watermark = latenessWatermark();
        if (isLateOnArrival(timestamp, watermark)) {
            routeLate(element); // eKuiper's rule: behind the watermark, whatever window is open
            return;
        }
        Long open = openStart.value();
        if (open != null && open <= timestamp && timestamp < open + size) {
            // Inside the open window: its start is behind the watermark (it was released at
            // it), so nothing still to come can change the window.
            openAccumulator.update(aggregate.add(value, openAccumulator.value()));
            return;
        }
        if (timestamp > watermark) {
            // May open a window: wait until no earlier element can come.
            ACC sameTimestamp = held.get(timestamp);
            if (sameTimestamp == null) {
                sameTimestamp = aggregate.createAccumulator();
                registerTimer(timestamp);
            }
            held.put(timestamp, aggregate.add(value, sameTimestamp));
            return;
        }
        processLateElement(element, open, watermark);
    }

    /** An element behind the watermark and outside the open window. */
    private void processLateElement(StreamRecord<T> element, Long open, long watermark)
            throws Exception {
        long timestamp = element.getTimestamp();
        Long latestFired = null;
        for (Map.Entry<Long, ACC> window : fired.entries()) {
            long start = window.getKey();
            if (start <= timestamp && timestamp < start + size) {
                // Joins the fired window that contains it, which fires again (a late firing).
                ACC updated = aggregate.add(element.getValue(), window.getValue());
                fired.put(start, updated);
                emit(start, updated);
                return;
            }
            latestFired = latestFired == null ? start : Math.max(latestFired, start);
        }
        boolean laterThanAllWindows =
                (open == null || timestamp >= open + size)
                        && (latestFired == null || timestamp >= latestFired + size);
        if (laterThanAllWindows && cleanupTime(timestamp) > watermark) {
            // Nothing of its key is open at its time: it opens a window, as in timestamp order.
            openWindow(timestamp, aggregate.add(element.getValue(), aggregate.createAccumulator()));
            if (timestamp + size - 1 <= watermark) {
                fireOpenWindow();
            }
            return;
        }
        routeLate(element);
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        ACC released = held.get(time);
        if (released != null) {
            held.remove(time);
            Long open = openStart.value();
            if (open == null || time >= open + size) {
                // The first element at or after the open window's end opens the next window.
                openWindow(time, released);
            } else {
                openAccumulator.update(aggregate.merge(openAccumulator.value(), released));
            }
        }
        Long open = openStart.value();
        if (open != null && time == open + size - 1) {
            fireOpenWindow();
        }
        if (allowedLateness > 0) {
            List<Long> expired = new ArrayList<>(1);
            for (Long start : fired.keys()) {
                if (cleanupTime(start) <= time) {
                    expired.add(start);
                }
            }
            for (Long start : expired) {
                fired.remove(start);
            }
        }
    }

    private void openWindow(long start, ACC accumulator) throws Exception {
        openStart.update(start);
        openAccumulator.update(accumulator);
        registerTimer(start + size - 1);
    }

    private void fireOpenWindow() throws Exception {
        long start = openStart.value();
        ACC accumulator = openAccumulator.value();
        openStart.clear();
        openAccumulator.clear();
        emit(start, accumulator);
        if (allowedLateness > 0) {
            fired.put(start, accumulator);
            registerTimer(cleanupTime(start));
        }
    }

    private long cleanupTime(long start) {
        long end = start + size - 1;
        long cleanup = end + allowedLateness;
        return cleanup >= end ? cleanup : Long.MAX_VALUE; // overflow
    }

    private void emit(long start, ACC accumulator) throws Exception {
        emit(new TimeWindow(start, start + size), accumulator);
    }
}
