package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Where a fast-path operator puts an element too late for any of its windows, as Flink's window
 * operator does: to the late side output if one is set, otherwise dropped and counted in the
 * operator metric {@value #DROPPED_METRIC}.
 *
 * <pre>
 *   watermark ─────────────┐
 *   late element ──▶ sideOutputLateData(tag)?  yes → side output "tag"
 *                                               no → numLateRecordsDropped + 1
 * </pre>
 *
 * @param <T> element type
 */
@Internal
public final class LateRecords<T> {

    /** The operator metric (a counter) of late elements dropped: Flink's window operator's name. */
    public static final String DROPPED_METRIC = "numLateRecordsDropped";

    private final OutputTag<T> lateDataTag;
    private final Output<?> output;
    private final Counter dropped;

    private LateRecords(OutputTag<T> lateDataTag, Output<?> output, Counter dropped) {
        this.lateDataTag = lateDataTag;
        this.output = output;
        this.dropped = dropped;
    }

    /**
     * The late records of an operator, registering its {@value #DROPPED_METRIC} counter; call in
     * {@code open()}.
     *
     * @param lateDataTag the late side output, or null to drop and count
     */
    public static <T> LateRecords<T> of(
            OutputTag<T> lateDataTag, Output<?> output, MetricGroup metrics) {
        return new LateRecords<>(lateDataTag, output, metrics.counter(DROPPED_METRIC));
    }

    /** Sends {@code element} to the late side output, or drops and counts it. */
    public void route(StreamRecord<T> element) {
        if (lateDataTag != null) {
            output.collect(lateDataTag, element);
        } else {
            dropped.inc();
        }
    }
}
