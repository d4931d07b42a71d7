package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.EventTimeWindowOperator;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
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
 */
abstract class HoppingAggregateOperator<K, T, ACC, V, R>
        extends EventTimeWindowOperator<K, T, ACC, V, R, TimeWindow> {

    private static final long serialVersionUID = 1L;

    protected final HoppingGrid grid;
    protected final long allowedLateness;
    protected final TypeInformation<ACC> accumulatorType;

    protected transient TypeSerializer<ACC> accumulatorSerializer;
    private transient Counter elementsInGaps;

    HoppingAggregateOperator(
            HoppingGrid grid,
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
                lateDataTag);
        this.grid = grid;
        this.allowedLateness = allowedLateness;
        this.accumulatorType = accumulatorType;
    }

    @Override
    public void open() throws Exception {
        super.open();
        accumulatorSerializer =
                accumulatorType.createSerializer(getExecutionConfig().getSerializerConfig());
        elementsInGaps = getMetricGroup().counter(EventTimeHoppingWindows.ELEMENTS_IN_GAPS_METRIC);
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        long timestamp = timestampOf(element);
        if (!grid.inSomeWindow(timestamp)) {
            elementsInGaps.inc();
            return;
        }
        processInWindows(element, timestamp, latenessWatermark());
    }

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
