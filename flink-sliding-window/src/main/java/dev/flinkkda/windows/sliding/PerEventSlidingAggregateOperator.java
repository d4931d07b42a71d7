package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.core.EventTimestamps;
import dev.flinkkda.windows.core.IncrementalWindowOperator;
import dev.flinkkda.windows.core.LateRecords;
import dev.flinkkda.windows.core.SliceQueue;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator of {@link PerEventSlidingWindows}: per key, elements are aggregated into one slice
 * per timestamp; when time reaches a slice, the slice is complete and is pushed onto a {@link
 * SliceQueue}; a trigger element's window {@code [t - size, t + span)} ({@code span = max(delay,
 * 1)}) fires at {@code t + span - 1} from the queue, after the slices before {@code t - size} are
 * popped. Windows of later elements never start earlier, so the queue only moves forward: a
 * constant number of merges per slice and per window, for any aggregate.
 *
 * <p><b>State, per key</b> (keyed state, checkpointed with the timers): {@code slices} (timestamp →
 * accumulator: open slices the watermark has not reached, and queued ones); {@code triggers}
 * (timestamp → how many elements there fire a window: those still to fire, and with allowed
 * lateness the fired ones until their cleanup time); the slice queue. Its time is the latest timer
 * the key has processed (or the watermark a late element saw); its mark is the one armed timer at
 * which everything older than the newest slice's last possible window is dropped, so a key that
 * goes quiet leaves nothing behind.
 *
 * <p><b>Timers</b>, one per distinct timestamp (plus one per trigger timestamp with a delay): at
 * time {@code T} the slice at {@code T} is pushed, the window of the triggers at {@code T - span +
 * 1} fires, and the slices before {@code T - span + 2 - size} — in no window still to fire — are
 * popped (retained with allowed lateness, until {@code slice + size + span - 1 + allowedLateness}).
 *
 * <p><b>Later peers excluded</b> ({@link PerEventSlidingWindows#excludesLaterPeers()}, no delay):
 * each trigger element keeps, under (its timestamp, its number among the triggers there), a copy of
 * its slice's accumulator as it was right after the element was added — the peers that arrived no
 * later than it, triggers or not. At time {@code t} the queue's aggregate of the slices before
 * {@code t} (within the size) is taken before the slice at {@code t} is pushed, and each trigger's
 * window is that merged with its copy: one copy per trigger element and one merge per window. An
 * accumulator that grows with its elements (a list) makes the copies of {@code k} triggers at one
 * timestamp cost {@code O(k²)}; for constant-size ones (count, sum, min, max, average) it is {@code
 * O(1)} per element.
 *
 * <p><b>The firing element</b> ({@link PerEventResultFunction}): each trigger element is kept under
 * the same (timestamp, number) until its window fired (with allowed lateness, until its cleanup
 * time) and is handed to the result function with its window's aggregate.
 *
 * <p><b>All elements</b> ({@link ElementsWindowFunction}): the slices are the lists of their
 * elements ({@link ElementsOfSlice}) and there is no queue — a window is the concatenation of the
 * slices in its range, read from the slices when it fires (a pass over the key's kept slices and
 * the window's elements); each slice has a timer at its last window's cleanup time, when it is
 * dropped.
 *
 * <p><b>Elements behind the watermark</b> that are not late (see {@link PerEventWindowedStream})
 * are put into the queue in timestamp order (renumbering it: linear, late elements are expected to
 * be rare), and the fired windows they join are combined again from the slices.
 */
final class PerEventSlidingAggregateOperator<K, T, ACC, V, R>
        extends IncrementalWindowOperator<K, T, ACC, V, R, TimeWindow>
        implements Triggerable<K, VoidNamespace> {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long span;
    private final boolean eventTime;
    private final long allowedLateness;
    private final boolean excludeLaterPeers;
    private final boolean keepsElements;
    private final FilterFunction<T> trigger;
    private final TypeInformation<ACC> accumulatorType;
    private final TypeInformation<T> firingElementType;
    private final OutputTag<T> lateDataTag;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient TypeSerializer<ACC> accumulatorSerializer;
    private transient MapState<Long, ACC> slices;
    private transient MapState<Long, Integer> triggers;

    /** Later peers excluded: per trigger (timestamp, number), its slice as it arrived. */
    private transient MapState<Tuple2<Long, Integer>, ACC> peerPrefixes;

    /** The element form: per trigger (timestamp, number), the element. */
    private transient MapState<Tuple2<Long, Integer>, T> firingElements;

    private transient FiringElementWindowFunction<T, V, R, K> firingElementFunction;
    private transient SliceQueue<ACC> q;
    private transient LateRecords<T> lateRecords;

    /**
     * Processing time: the latest timer fired (here or, after a restore, in the subtasks restored
     * from); its millisecond and all before it are closed.
     */
    private transient long closedProcessingTime;

    PerEventSlidingAggregateOperator(
            PerEventSlidingWindows windows,
            FilterFunction<T> trigger,
            long allowedLateness,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            OutputTag<T> lateDataTag) {
        this(
                windows,
                trigger,
                allowedLateness,
                aggregate,
                accumulatorType,
                windowFunction,
                null,
                lateDataTag);
    }

    /**
     * @param firingElementType the element type when {@code windowFunction} is a {@link
     *     FiringElementWindowFunction} (the trigger elements are kept for it), else null
     */
    PerEventSlidingAggregateOperator(
            PerEventSlidingWindows windows,
            FilterFunction<T> trigger,
            long allowedLateness,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            TypeInformation<T> firingElementType,
            OutputTag<T> lateDataTag) {
        super(
                aggregate,
                windowFunction,
                "a ProcessWindowFunction's global state",
                "per-event-sliding-watermarks");
        if ((firingElementType != null)
                != (windowFunction instanceof FiringElementWindowFunction)) {
            throw new IllegalArgumentException(
                    "the firing element's type goes with a FiringElementWindowFunction");
        }
        this.size = windows.getSize();
        this.span = windows.span();
        this.eventTime = windows.isEventTime();
        this.excludeLaterPeers = windows.excludesLaterPeers();
        this.keepsElements = windowFunction instanceof ElementsWindowFunction;
        this.allowedLateness = allowedLateness;
        this.trigger = trigger;
        this.accumulatorType = accumulatorType;
        this.firingElementType = firingElementType;
        this.lateDataTag = lateDataTag;
    }

    /**
     * On processing time: how far the timers have run, so that a restored job never adds an element
     * to a slice that was already queued before the failure.
     */
    @Override
    protected long timeReached() {
        return eventTime ? currentWatermark() : closedProcessingTime;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (trigger != null) {
            FunctionUtils.setFunctionRuntimeContext(trigger, getRuntimeContext());
            FunctionUtils.openFunction(trigger, DefaultOpenContext.INSTANCE);
        }
        accumulatorSerializer =
                accumulatorType.createSerializer(getExecutionConfig().getSerializerConfig());
        timers =
                getInternalTimerService(
                        "per-event-sliding-timers", VoidNamespaceSerializer.INSTANCE, this);
        slices =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "per-event-sliding-slices", Types.LONG, accumulatorType));
        triggers =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "per-event-sliding-triggers", Types.LONG, Types.INT));
        if (excludeLaterPeers) {
            peerPrefixes =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "per-event-sliding-peer-prefixes",
                                            Types.TUPLE(Types.LONG, Types.INT),
                                            accumulatorType));
        }
        if (firingElementType != null) {
            firingElements =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "per-event-sliding-firing-elements",
                                            Types.TUPLE(Types.LONG, Types.INT),
                                            firingElementType));
            @SuppressWarnings("unchecked")
            FiringElementWindowFunction<T, V, R, K> function =
                    (FiringElementWindowFunction<T, V, R, K>) userFunction;
            firingElementFunction = function;
        }
        q =
                new SliceQueue<>(
                        getRuntimeContext(),
                        "per-event-sliding",
                        aggregate,
                        accumulatorType,
                        accumulatorSerializer,
                        slices,
                        allowedLateness > 0);
        lateRecords = LateRecords.of(lateDataTag, output, getMetricGroup());
        closedProcessingTime = eventTime ? Long.MIN_VALUE : highestRestoredTime();
    }

    @Override
    public void close() throws Exception {
        try {
            if (trigger != null) {
                FunctionUtils.closeFunction(trigger);
            }
        } finally {
            super.close();
        }
    }

    @Override
    protected long currentWatermark() {
        return timers.currentWatermark();
    }

    // ---- elements ----

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        T value = element.getValue();
        boolean fires = trigger == null || trigger.filter(value);
        if (!eventTime) {
            long now = timers.currentProcessingTime();
            addOnTime(value, Math.max(now, closedProcessingTime + 1), fires);
            return;
        }
        long timestamp =
                EventTimestamps.of(
                        element,
                        getCurrentKey(),
                        "per-event sliding windows",
                        "ProcessingTimePerEventSlidingWindows");
        long watermark = latenessWatermark();
        if (timestamp > watermark) {
            addOnTime(value, timestamp, fires);
        } else if (lateTime(timestamp) <= watermark) {
            late(element);
        } else {
            addBehindWatermark(value, timestamp, fires, watermark);
        }
    }

    /** An element no timer has reached yet: into its open slice. */
    private void addOnTime(T value, long timestamp, boolean fires) throws Exception {
        ACC accumulator = slices.get(timestamp);
        if (accumulator == null) {
            accumulator = aggregate.createAccumulator();
            registerTimer(timestamp);
            if (keepsElements) {
                registerTimer(sliceCleanupTime(timestamp));
            }
        }
        accumulator = aggregate.add(value, accumulator);
        slices.put(timestamp, accumulator);
        if (fires) {
            Integer count = triggers.get(timestamp);
            int number = count == null ? 0 : count;
            triggers.put(timestamp, number + 1);
            keepTrigger(timestamp, number, value, accumulator);
            if (count == null && span > 1) {
                registerTimer(fireTime(timestamp));
            }
        }
    }

    /** An element at or behind the watermark, but within the allowed lateness of its window. */
    private void addBehindWatermark(T value, long timestamp, boolean fires, long watermark)
            throws Exception {
        ACC before = slices.get(timestamp);
        ACC slice = aggregate.add(value, before == null ? aggregate.createAccumulator() : before);
        slices.put(timestamp, slice);
        if (keepsElements) {
            if (before == null) {
                registerTimer(sliceCleanupTime(timestamp));
            }
        } else {
            q.load();
            // catch up with the watermark, as if a timer at it had run
            advance(Math.max(q.time, watermark));
            long stacksFrom = firstSliceStillNeeded(q.time);
            if (before == null) {
                q.insert(timestamp, queued -> queued >= stacksFrom);
            } else if (q.inStacks(timestamp)) {
                q.rebuildStacks();
            }
            armCleanup();
        }
        TreeMap<Long, ACC> kept = null;
        if (allowedLateness > 0) {
            // the fired windows that contain the element and are kept fire again
            List<Long> refire = new ArrayList<>();
            for (Long t : triggers.keys()) {
                if (fireTime(t) <= watermark
                        && t - size <= timestamp
                        && timestamp < slicesEnd(t)
                        && cleanupTime(t) > watermark) {
                    refire.add(t);
                }
            }
            if (!refire.isEmpty()) {
                refire.sort(null);
                kept = slicesByTime();
                for (long t : refire) {
                    fireFromSlices(kept, t, 0, triggers.get(t));
                }
            }
        }
        if (fires) {
            Integer count = triggers.get(timestamp);
            int number = count == null ? 0 : count;
            triggers.put(timestamp, number + 1);
            keepTrigger(timestamp, number, value, slice); // the queue and refires only read it
            if (fireTime(timestamp) > watermark) {
                if (count == null) {
                    registerTimer(fireTime(timestamp));
                }
            } else {
                // its window's time has passed (within the allowed lateness): it fires at once
                fireFromSlices(kept != null ? kept : slicesByTime(), timestamp, number, number + 1);
                registerCleanupTimer(cleanupTime(timestamp));
            }
        }
        if (!keepsElements) {
            q.store();
        }
    }

    // ---- timers ----

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        onTimer(timer.getTimestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        closedProcessingTime = Math.max(closedProcessingTime, timer.getTimestamp());
        onTimer(timer.getTimestamp());
    }

    private void onTimer(long time) throws Exception {
        if (keepsElements) {
            onTimerOfElements(time);
            return;
        }
        q.load();
        long t = time - (span - 1);
        Integer count = triggers.get(t);
        boolean due = count != null && fireTime(t) == time;
        if (due && excludeLaterPeers) {
            // (no delay: t == time) the slices before t, before the slice at t is pushed; each
            // trigger adds its own peers
            q.popBefore(t - size);
            fireWindows(t, 0, count, q.aggregate());
        }
        if (time > q.newest) {
            ACC slice = slices.get(time);
            if (slice != null) {
                q.push(time, slice);
            }
        }
        if (due && !excludeLaterPeers) {
            q.popBefore(t - size);
            fireWindows(t, 0, count, q.aggregate());
        }
        if (due) {
            fired(t);
        }
        forgetTriggersCleanedUpAt(time);
        advance(Math.max(q.time, time));
        if (q.mark == time) {
            q.mark = Long.MIN_VALUE;
        }
        armCleanup();
        q.store();
    }

    /** The windows of the triggers at {@code t} fired on time: forgotten, or kept for lateness. */
    private void fired(long t) throws Exception {
        if (allowedLateness == 0) {
            removeTriggers(t);
        } else {
            registerCleanupTimer(cleanupTime(t));
        }
    }

    /** With allowed lateness: forgets the triggers whose windows' cleanup time is {@code time}. */
    private void forgetTriggersCleanedUpAt(long time) throws Exception {
        if (allowedLateness > 0 && time != Long.MAX_VALUE) {
            long cleaned = time - allowedLateness - (span - 1);
            if (cleanupTime(cleaned) == time) {
                removeTriggers(cleaned);
            }
        }
    }

    /**
     * A timer of the element form, which keeps no queue: the window of the triggers at {@code time
     * - span + 1} fires from the slices, triggers past their cleanup time are forgotten, and so is
     * the slice whose last window's cleanup time is {@code time} (all of them at the end of time).
     */
    private void onTimerOfElements(long time) throws Exception {
        long t = time - (span - 1);
        Integer count = triggers.get(t);
        if (count != null && fireTime(t) == time) {
            fireFromSlices(slicesByTime(), t, 0, count);
            fired(t);
        }
        forgetTriggersCleanedUpAt(time);
        if (time == Long.MAX_VALUE) {
            slices.clear();
        } else {
            long slice = time - (size + span - 1 + allowedLateness);
            if (sliceCleanupTime(slice) == time) {
                slices.remove(slice);
            }
        }
    }

    /**
     * Moves the key's queue to {@code time}: the slices in no window still to fire leave the
     * stacks, and retained ones past their last window's cleanup time are dropped.
     */
    private void advance(long time) throws Exception {
        q.time = time;
        q.popBefore(firstSliceStillNeeded(time));
        if (allowedLateness > 0) {
            q.dropRetainedWhile(slice -> sliceCleanupTime(slice) <= time);
        }
    }

    /**
     * The oldest slice a window still to fire can contain, once timers up to {@code time} ran: such
     * a window's trigger is at {@code time - span + 2} or later.
     */
    private long firstSliceStillNeeded(long time) {
        return time - span + 2 - size;
    }

    /** Arms the one cleanup timer, at the newest slice's last possible window's cleanup time. */
    private void armCleanup() {
        if (q.mark == Long.MIN_VALUE && !q.isEmpty()) {
            q.mark = sliceCleanupTime(q.newest);
            registerTimer(q.mark);
        }
    }

    // ---- windows from the slices (late elements) ----

    private TreeMap<Long, ACC> slicesByTime() throws Exception {
        TreeMap<Long, ACC> all = new TreeMap<>();
        for (Map.Entry<Long, ACC> entry : slices.entries()) {
            all.put(entry.getKey(), entry.getValue());
        }
        return all;
    }

    /** Fires the windows of the triggers {@code first..end-1} at {@code t}, from the slices. */
    private void fireFromSlices(TreeMap<Long, ACC> all, long t, int first, int end)
            throws Exception {
        ACC result = null;
        for (ACC slice : all.subMap(t - size, true, slicesEnd(t), false).values()) {
            if (keepsElements) { // a new list of the slices' elements, in timestamp order
                result =
                        aggregate.merge(
                                result == null ? aggregate.createAccumulator() : result, slice);
            } else {
                result =
                        result == null
                                ? accumulatorSerializer.copy(slice)
                                : aggregate.merge(result, accumulatorSerializer.copy(slice));
            }
        }
        fireWindows(t, first, end, result);
    }

    // ---- the trigger elements ----

    /**
     * Fires the windows of the triggers {@code first..end-1} at {@code t}: {@code slices} is the
     * aggregate of the window's slices (may be stored state, or null) — with later peers excluded,
     * of those before {@code t}, merged here with each trigger's own peers.
     */
    private void fireWindows(long t, int first, int end, ACC slices) throws Exception {
        TimeWindow window = new TimeWindow(t - size, t + span);
        for (int i = first; i < end; i++) {
            Tuple2<Long, Integer> id = Tuple2.of(t, i);
            ACC result = slices;
            if (excludeLaterPeers) {
                ACC peers = peerPrefixes.get(id);
                // merge may reuse either argument: both are stored
                result =
                        slices == null
                                ? peers
                                : aggregate.merge(
                                        accumulatorSerializer.copy(slices),
                                        accumulatorSerializer.copy(peers));
            }
            if (firingElementFunction != null) {
                firingElementFunction.firedBy(firingElements.get(id));
            }
            emit(window, result);
        }
    }

    /**
     * Keeps what the window of trigger number {@code number} at {@code t} needs besides the slices:
     * with later peers excluded, a copy of {@code peers} (its slice right after the element was
     * added); for a {@link PerEventResultFunction}, the element.
     */
    private void keepTrigger(long t, int number, T element, ACC peers) throws Exception {
        if (excludeLaterPeers) {
            peerPrefixes.put(Tuple2.of(t, number), accumulatorSerializer.copy(peers));
        }
        if (firingElements != null) {
            firingElements.put(Tuple2.of(t, number), element);
        }
    }

    /** Forgets the triggers at {@code t}. */
    private void removeTriggers(long t) throws Exception {
        Integer count = triggers.get(t);
        if (count == null) {
            return;
        }
        triggers.remove(t);
        if (excludeLaterPeers || firingElements != null) {
            for (int i = 0; i < count; i++) {
                Tuple2<Long, Integer> id = Tuple2.of(t, i);
                if (excludeLaterPeers) {
                    peerPrefixes.remove(id);
                }
                if (firingElements != null) {
                    firingElements.remove(id);
                }
            }
        }
    }

    // ---- times ----

    /**
     * Where the slices of the window of {@code t} end (exclusive): {@code t + span}, or {@code t}
     * with later peers excluded (the peers at {@code t} come from each trigger's copy).
     */
    private long slicesEnd(long t) {
        return excludeLaterPeers ? t : t + span;
    }

    /** When the window of an element at {@code t} fires: {@code t + span - 1}. */
    private long fireTime(long t) {
        return t + (span - 1);
    }

    /**
     * When an element at {@code t} becomes late: {@code t + allowedLateness} (eKuiper's rule: an
     * element at or behind the watermark is late without allowed lateness, delay or not).
     */
    private long lateTime(long t) {
        return saturatedAdd(t, allowedLateness);
    }

    /** Until when the window of {@code t} is kept for late elements. */
    private long cleanupTime(long t) {
        return saturatedAdd(fireTime(t), allowedLateness);
    }

    /** Until when a slice may be needed: the cleanup time of the last window that contains it. */
    private long sliceCleanupTime(long slice) {
        return saturatedAdd(slice, size + span - 1 + allowedLateness);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return (sum < a) ? Long.MAX_VALUE : sum;
    }

    private void registerTimer(long time) {
        if (eventTime) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
        } else {
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
        }
    }

    private void registerCleanupTimer(long time) {
        if (time != Long.MAX_VALUE) { // as Flink: kept to the end of time
            registerTimer(time);
        }
    }

    private void late(StreamRecord<T> element) {
        lateRecords.route(element);
    }

    /** The number of slices kept for the current key (open, queued and retained). */
    @VisibleForTesting
    int slicesKept() throws Exception {
        int kept = 0;
        for (Long ignored : slices.keys()) {
            kept++;
        }
        return kept;
    }
}
