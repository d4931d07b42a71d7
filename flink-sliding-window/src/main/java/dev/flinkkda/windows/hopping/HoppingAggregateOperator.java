package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.EventTimeWindowOperator;
import dev.flinkkda.windows.core.LateRule;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * What the two fast-path operators of hopping windows share: elements without a window are counted
 * and dropped, elements too late for all of their windows go to the late side output (or are
 * counted), results are {@link TimeWindow}s of the {@link HoppingGrid}, and everything is driven by
 * event-time timers in the {@link VoidNamespace}. Subclasses keep the slices.
 *
 * <p><b>Watermark after a restore.</b> Flink's timer service starts again from {@code
 * Long.MIN_VALUE} after a restore, while the restored slices already reflect a later watermark
 * (panes pushed, windows fired). Elements are judged by {@link #latenessWatermark()}: at least the
 * watermark the key's state had reached, also after rescaling, as if the job had not failed.
 *
 * <p><b>Late rule.</b> {@link LateRule#WINDOW_END} (Flink's): an element is late when all of its
 * windows are past their cleanup time. {@link LateRule#ELEMENT_TIMESTAMP} (eKuiper's): also when
 * {@code t + allowedLateness <= watermark} on arrival, even if a window of it has not fired.
 *
 * <p><b>Aligned to the first element.</b> The windows of a key start at {@code t0}, the timestamp
 * of its first element that is not late, kept in keyed state ({@code hopping-first-element});
 * before each element or timer of the key, {@link #grid} is set to the key's windows.
 */
abstract class HoppingAggregateOperator<K, T, ACC, V, R>
        extends EventTimeWindowOperator<K, T, ACC, V, R, TimeWindow> {

    private static final long serialVersionUID = 1L;

    /** The windows; with {@link #alignedToFirstElement}, those from t0 = 0. */
    private final HoppingGrid windows;

    private final boolean alignedToFirstElement;
    protected final TypeInformation<ACC> accumulatorType;

    /** The current key's windows. */
    protected transient HoppingGrid grid;

    protected transient TypeSerializer<ACC> accumulatorSerializer;
    private transient Counter elementsInGaps;

    /** The timestamp of each key's first element, when aligned to it; else null. */
    private transient ValueState<Long> firstElement;

    HoppingAggregateOperator(
            HoppingGrid windows,
            boolean alignedToFirstElement,
            LateRule lateRule,
            long allowedLateness,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            OutputTag<T> lateDataTag) {
        super(
                aggregate,
                windowFunction,
                "keyedStream.window(EventTimeHoppingWindows...)",
                "hopping",
                "hopping windows",
                lateRule,
                allowedLateness,
                lateDataTag);
        this.windows = windows;
        this.alignedToFirstElement = alignedToFirstElement;
        this.accumulatorType = accumulatorType;
    }

    @Override
    public void open() throws Exception {
        super.open();
        accumulatorSerializer =
                accumulatorType.createSerializer(getExecutionConfig().getSerializerConfig());
        elementsInGaps = getMetricGroup().counter(EventTimeHoppingWindows.ELEMENTS_IN_GAPS_METRIC);
        grid = windows;
        if (alignedToFirstElement) {
            firstElement =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "hopping-first-element", Types.LONG));
        }
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        long timestamp = timestampOf(element);
        long watermark = latenessWatermark();
        if (alignedToFirstElement && !alignToFirstElement(element, timestamp, watermark)) {
            return;
        }
        if (!grid.inSomeWindow(timestamp)) {
            elementsInGaps.inc();
            return;
        }
        if (isLateOnArrival(timestamp, watermark)) {
            late(element); // behind the watermark on arrival, even if a window of it is open
            return;
        }
        processInWindows(element, timestamp, watermark);
    }

    /**
     * Sets {@link #grid} to the current key's windows, from its first element's timestamp; the
     * first element that is not late sets it. False if the element was that late first one.
     */
    private boolean alignToFirstElement(StreamRecord<T> element, long timestamp, long watermark)
            throws Exception {
        Long first = firstElement.value();
        if (first != null) {
            grid = keyWindows(first);
            return true;
        }
        HoppingGrid candidate = windows.startingAt(timestamp);
        if (lateRule.isLate(
                timestamp, candidate.lastFireTimeOf(timestamp), allowedLateness, watermark)) {
            late(element);
            return false;
        }
        firstElement.update(timestamp);
        grid = candidate;
        return true;
    }

    private HoppingGrid keyWindows(long first) {
        return grid.start() == first ? grid : windows.startingAt(first);
    }

    @Override
    public final void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        if (alignedToFirstElement) {
            Long first = firstElement.value();
            if (first == null) {
                return; // no window of the key ever held an element
            }
            grid = keyWindows(first);
        }
        onTimer(timer);
    }

    /** A timer of the current key, with {@link #grid} its windows. */
    abstract void onTimer(InternalTimer<K, VoidNamespace> timer) throws Exception;

    /** An element in at least one window. */
    abstract void processInWindows(StreamRecord<T> element, long timestamp, long watermark)
            throws Exception;

    /** An element too late for all of its windows. */
    protected void late(StreamRecord<T> element) {
        routeLate(element);
    }

    /**
     * The watermark at which window {@code k} is dropped, {@code end - 1 + allowedLateness}, as in
     * Flink's window operator ({@code Long.MAX_VALUE} on overflow).
     */
    protected long cleanupTime(long k) {
        long fireTime = fireTime(k);
        long cleanup = fireTime + allowedLateness;
        return cleanup >= fireTime ? cleanup : Long.MAX_VALUE;
    }

    /** The watermark at which window {@code k} fires: {@code end - 1}. */
    protected long fireTime(long k) {
        return grid.windowEnd(k) - 1;
    }

    protected ACC copy(ACC accumulator) {
        return accumulatorSerializer.copy(accumulator);
    }

    protected void emitWindow(long k, ACC accumulator) throws Exception {
        emit(new TimeWindow(grid.windowStart(k), grid.windowEnd(k)), accumulator);
    }
}
