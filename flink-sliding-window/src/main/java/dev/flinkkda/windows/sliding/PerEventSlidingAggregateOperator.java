package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.core.EventTimeWindowOperator;
import dev.flinkkda.windows.core.LateRule;

import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;

/**
 * The operator of {@link PerEventSlidingWindows}: per key, elements are aggregated into one slice
 * per timestamp; when time reaches a slice, the slice is complete and is pushed onto a {@link
 * PerEventSliceQueue}; a trigger element's window {@code [t - size, t + span)} ({@code span =
 * max(delay, 1)}) fires at {@code t + span - 1} from the queue, after the slices before {@code t -
 * size} are popped. Windows of later elements never start earlier, so the queue only moves forward:
 * a constant number of merges per slice and per window, for any aggregate.
 *
 * <p><b>State, per key</b> (keyed state, checkpointed with the timers): one {@link PerEventSlices}
 * value, read once per element and per timer (changed in place on the heap backend, written back on
 * others) — the slices by timestamp (open ones the watermark has not reached, queued ones, and
 * retained ones), each with its accumulator and how many elements there fire a window (those still
 * to fire, and with allowed lateness the fired ones until their cleanup time), and the stacks'
 * aggregates. Its time is the latest timer the key has processed (or the watermark a late element
 * saw); its mark is the one armed timer at which everything older than the newest slice's last
 * possible window is dropped, so a key that goes quiet leaves nothing behind.
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
        extends EventTimeWindowOperator<K, T, ACC, V, R, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long span;
    private final boolean eventTime;
    private final boolean excludeLaterPeers;
    private final boolean keepsElements;
    private final FilterFunction<T> trigger;
    private final TypeInformation<ACC> accumulatorType;
    private final TypeInformation<T> firingElementType;

    private transient TypeSerializer<ACC> accumulatorSerializer;
    private transient ValueState<PerEventSlices<ACC>> state;

    /** What the current key's state held when it was read: the object to change on the heap. */
    private transient PerEventSlices<ACC> stored;

    /** Whether a changed state value must be written back (any backend but the heap). */
    private transient boolean writesBack;

    /** Later peers excluded: per trigger, its slice as it arrived. */
    private transient MapState<TriggerId, ACC> peerPrefixes;

    /** The element form: per trigger, the element. */
    private transient MapState<TriggerId, T> firingElements;

    private transient FiringElementWindowFunction<T, V, R, K> firingElementFunction;
    private transient PerEventSliceQueue<ACC> queue;

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
                "per-event-sliding",
                "per-event sliding windows",
                LateRule.ELEMENT_TIMESTAMP,
                allowedLateness,
                lateDataTag);
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
        this.trigger = trigger;
        this.accumulatorType = accumulatorType;
        this.firingElementType = firingElementType;
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
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "per-event-sliding-state",
                                        PerEventSlices.typeInfo(accumulatorType)));
        writesBack = !(getKeyedStateBackend() instanceof HeapKeyedStateBackend);
        if (excludeLaterPeers) {
            peerPrefixes =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "per-event-sliding-peer-prefixes",
                                            TriggerId.typeInfo(),
                                            accumulatorType));
        }
        if (firingElementType != null) {
            firingElements =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "per-event-sliding-firing-elements",
                                            TriggerId.typeInfo(),
                                            firingElementType));
            @SuppressWarnings("unchecked")
            FiringElementWindowFunction<T, V, R, K> function =
                    (FiringElementWindowFunction<T, V, R, K>) userFunction;
            firingElementFunction = function;
        }
        queue = new PerEventSliceQueue<>(aggregate, accumulatorSerializer, allowedLateness > 0);
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
    protected String processingTimeAlternative() {
        return "ProcessingTimePerEventSlidingWindows";
    }

    // ---- elements ----

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        T value = element.getValue();
        boolean fires = trigger == null || trigger.filter(value);
        if (!eventTime) {
            long now = currentProcessingTime();
            PerEventSlices<ACC> s = load();
            addOnTime(s, value, Math.max(now, closedProcessingTime + 1), fires);
            save(s);
            return;
        }
        long timestamp = timestampOf(element);
        long watermark = latenessWatermark();
        if (timestamp > watermark) {
            PerEventSlices<ACC> s = load();
            addOnTime(s, value, timestamp, fires);
            save(s);
        } else if (lateTime(timestamp) <= watermark) {
            routeLate(element);
        } else {
            PerEventSlices<ACC> s = load();
            addBehindWatermark(s, value, timestamp, fires, watermark);
            save(s);
        }
    }

    /** An element no timer has reached yet: into its open slice. */
    private void addOnTime(PerEventSlices<ACC> s, T value, long timestamp, boolean fires)
            throws Exception {
        int index = s.indexOf(timestamp);
        if (index < 0) {
            index = -index - 1;
            s.insert(index, timestamp, aggregate.createAccumulator());
            armTimer(timestamp);
            if (keepsElements) {
                armTimer(sliceCleanupTime(timestamp));
            }
        }
        ACC accumulator = aggregate.add(value, s.accumulatorAt(index));
        s.setAccumulatorAt(index, accumulator);
        if (fires) {
            int number = s.triggersAt(index);
            s.setTriggersAt(index, number + 1);
            keepTrigger(timestamp, number, value, accumulator);
            if (number == 0 && span > 1) {
                armTimer(fireTime(timestamp));
            }
        }
    }

    /** An element at or behind the watermark, but within the allowed lateness of its window. */
    private void addBehindWatermark(
            PerEventSlices<ACC> s, T value, long timestamp, boolean fires, long watermark)
            throws Exception {
        int index = s.indexOf(timestamp);
        ACC slice;
        if (index >= 0) {
            slice = aggregate.add(value, s.accumulatorAt(index));
            s.setAccumulatorAt(index, slice);
        } else {
            slice = aggregate.add(value, aggregate.createAccumulator());
        }
        if (keepsElements) {
            if (index < 0) {
                s.insert(-index - 1, timestamp, slice);
                armTimer(sliceCleanupTime(timestamp));
            }
        } else {
            // catch up with the watermark, as if a timer at it had run
            advance(s, Math.max(s.time(), watermark));
            long stacksFrom = firstSliceStillNeeded(s.time());
            if (index < 0) {
                queue.insertComplete(s, timestamp, slice, queued -> queued >= stacksFrom);
            } else if (PerEventSliceQueue.inStacks(s, timestamp)) {
                queue.rebuildStacks(s);
            }
            armCleanup(s);
        }
        if (allowedLateness > 0) {
            // the fired windows that contain the element and are kept fire again
            List<Long> refire = new ArrayList<>();
            for (int i = 0; i < s.count(); i++) {
                long t = s.timeAt(i);
                if (s.triggersAt(i) > 0
                        && fireTime(t) <= watermark
                        && t - size <= timestamp
                        && timestamp < slicesEnd(t)
                        && cleanupTime(t) > watermark) {
                    refire.add(t);
                }
            }
            for (long t : refire) {
                fireFromSlices(s, t, 0, s.triggersAt(s.indexOf(t)));
            }
        }
        if (fires) {
            index = s.indexOf(timestamp);
            int number = s.triggersAt(index);
            s.setTriggersAt(index, number + 1);
            keepTrigger(timestamp, number, value, slice); // the queue and refires only read it
            if (fireTime(timestamp) > watermark) {
                if (number == 0) {
                    armTimer(fireTime(timestamp));
                }
            } else {
                // its window's time has passed (within the allowed lateness): it fires at once
                fireFromSlices(s, timestamp, number, number + 1);
                registerCleanupTimer(cleanupTime(timestamp));
            }
        }
    }

    // ---- timers ----

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        onTimer(timer.getTimestamp());
    }

    @Override
    protected void onProcessingTimer(long time) throws Exception {
        closedProcessingTime = Math.max(closedProcessingTime, time);
        onTimer(time);
    }

    private void onTimer(long time) throws Exception {
        PerEventSlices<ACC> s = stored = state.value();
        if (s == null) {
            return; // nothing of the key is left
        }
        if (keepsElements) {
            onTimerOfElements(s, time);
        } else {
            onTimerOfQueue(s, time);
        }
        save(s);
    }

    private void onTimerOfQueue(PerEventSlices<ACC> s, long time) throws Exception {
        long t = time - (span - 1);
        int index = s.indexOf(t);
        int count = index >= 0 ? s.triggersAt(index) : 0;
        boolean due = count > 0 && fireTime(t) == time;
        if (due && excludeLaterPeers) {
            // (no delay: t == time) the slices before t, before the slice at t is pushed; each
            // trigger adds its own peers
            queue.popBefore(s, t - size);
            fireWindows(t, 0, count, queue.aggregate(s));
        }
        queue.pushUpTo(s, time);
        if (due && !excludeLaterPeers) {
            queue.popBefore(s, t - size);
            fireWindows(t, 0, count, queue.aggregate(s));
        }
        if (due) {
            fired(s, t);
        }
        forgetTriggersCleanedUpAt(s, time);
        advance(s, Math.max(s.time(), time));
        if (s.mark() == time) {
            s.setMark(Long.MIN_VALUE);
        }
        armCleanup(s);
    }

    /** The windows of the triggers at {@code t} fired on time: forgotten, or kept for lateness. */
    private void fired(PerEventSlices<ACC> s, long t) throws Exception {
        if (allowedLateness == 0) {
            removeTriggers(s, t);
        } else {
            registerCleanupTimer(cleanupTime(t));
        }
    }

    /** With allowed lateness: forgets the triggers whose windows' cleanup time is {@code time}. */
    private void forgetTriggersCleanedUpAt(PerEventSlices<ACC> s, long time) throws Exception {
        if (allowedLateness > 0 && time != Long.MAX_VALUE) {
            long cleaned = time - allowedLateness - (span - 1);
            if (cleanupTime(cleaned) == time) {
                removeTriggers(s, cleaned);
            }
        }
    }

    /**
     * A timer of the element form, which keeps no queue: the window of the triggers at {@code time
     * - span + 1} fires from the slices, triggers past their cleanup time are forgotten, and so is
     * the slice whose last window's cleanup time is {@code time} (all of them at the end of time).
     */
    private void onTimerOfElements(PerEventSlices<ACC> s, long time) throws Exception {
        long t = time - (span - 1);
        int index = s.indexOf(t);
        int count = index >= 0 ? s.triggersAt(index) : 0;
        if (count > 0 && fireTime(t) == time) {
            fireFromSlices(s, t, 0, count);
            fired(s, t);
        }
        forgetTriggersCleanedUpAt(s, time);
        if (time == Long.MAX_VALUE) {
            s.remove(0, s.count());
        } else {
            long slice = time - (size + span - 1 + allowedLateness);
            if (sliceCleanupTime(slice) == time) {
                int cleaned = s.indexOf(slice);
                if (cleaned >= 0) {
                    s.remove(cleaned, cleaned + 1);
                }
            }
        }
    }

    /**
     * Moves the key's queue to {@code time}: the slices in no window still to fire leave the
     * stacks, and retained ones past their last window's cleanup time are dropped.
     */
    private void advance(PerEventSlices<ACC> s, long time) {
        s.setTime(time);
        queue.popBefore(s, firstSliceStillNeeded(time));
        if (allowedLateness > 0) {
            PerEventSliceQueue.dropRetainedWhile(s, slice -> sliceCleanupTime(slice) <= time);
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
    private void armCleanup(PerEventSlices<ACC> s) {
        if (s.mark() == Long.MIN_VALUE && !PerEventSliceQueue.isEmpty(s)) {
            s.setMark(sliceCleanupTime(PerEventSliceQueue.newest(s)));
            armTimer(s.mark());
        }
    }

    // ---- the key's state ----

    /** The current key's slices (the live object on the heap backend), new ones if it has none. */
    private PerEventSlices<ACC> load() throws Exception {
        stored = state.value();
        return stored != null ? stored : PerEventSlices.empty();
    }

    /**
     * Stores the current key's slices, cleared when none is left; with no slice queued, the queue's
     * time and mark start again (as when the key is new). On the heap backend the stored value is
     * the object that was changed: written only when new.
     */
    private void save(PerEventSlices<ACC> s) throws Exception {
        if (PerEventSliceQueue.isEmpty(s)) {
            s.setTime(Long.MIN_VALUE);
            s.setMark(Long.MIN_VALUE);
            if (s.count() == 0) {
                state.clear();
                return;
            }
        }
        if (writesBack || s != stored) {
            state.update(s);
        }
    }

    // ---- windows from the slices (late elements) ----

    /** Fires the windows of the triggers {@code first..end-1} at {@code t}, from the slices. */
    private void fireFromSlices(PerEventSlices<ACC> s, long t, int first, int end)
            throws Exception {
        ACC result = null;
        long until = slicesEnd(t);
        for (int i = s.firstAtOrAfter(t - size); i < s.count() && s.timeAt(i) < until; i++) {
            ACC slice = s.accumulatorAt(i);
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
            // kept per trigger only with later peers excluded or for the firing element
            TriggerId id =
                    excludeLaterPeers || firingElementFunction != null ? new TriggerId(t, i) : null;
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
            peerPrefixes.put(new TriggerId(t, number), accumulatorSerializer.copy(peers));
        }
        if (firingElements != null) {
            firingElements.put(new TriggerId(t, number), element);
        }
    }

    /** Forgets the triggers at {@code t}. */
    private void removeTriggers(PerEventSlices<ACC> s, long t) throws Exception {
        int index = s.indexOf(t);
        int count = index >= 0 ? s.triggersAt(index) : 0;
        if (count == 0) {
            return;
        }
        s.setTriggersAt(index, 0);
        if (excludeLaterPeers || firingElements != null) {
            for (int i = 0; i < count; i++) {
                TriggerId id = new TriggerId(t, i);
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
     * When an element at {@code t} becomes late: {@code t + allowedLateness}, saturated ({@link
     * dev.flinkkda.windows.core.LateRule#ELEMENT_TIMESTAMP}, eKuiper's rule, the only one {@link
     * PerEventWindowedStream} takes: an element at or behind the watermark is late without allowed
     * lateness, delay or not).
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

    /** A timer for the current key at {@code time}, on the windows' time. */
    private void armTimer(long time) {
        if (eventTime) {
            registerTimer(time);
        } else {
            registerProcessingTimeTimer(time);
        }
    }

    private void registerCleanupTimer(long time) {
        if (time != Long.MAX_VALUE) { // as Flink: kept to the end of time
            armTimer(time);
        }
    }

    /** The number of slices kept for the current key (open, queued and retained). */
    @VisibleForTesting
    int slicesKept() throws Exception {
        PerEventSlices<ACC> s = state.value();
        return s == null ? 0 : s.count();
    }
}
