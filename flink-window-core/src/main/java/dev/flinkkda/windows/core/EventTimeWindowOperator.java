package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The base of the event-time fast paths (stagger, capped session, hopping, per-event sliding): what
 * they all do around their windows, once. Event-time timers in the {@link VoidNamespace}, named
 * {@code <kind>-timers}; the watermark they report; lateness judged after a restore by at least the
 * watermark the key's state had reached ({@code <kind>-watermarks}, see {@link
 * RestoredWatermarks}); the "no timestamp" guard; late elements to the side output or counted in
 * {@value LateRecords#DROPPED_METRIC}.
 *
 * <pre>
 *   element ─▶ {@link #timestampOf} ─▶ subclass: on time? ─ yes ─▶ its windows, {@link #registerTimer}
 *                                                        └ no ──▶ kept window, or {@link #routeLate}
 *   watermark ─▶ {@link #onEventTime} (subclass): fire, clean up
 * </pre>
 *
 * <p>A window kind that also runs on processing time (per-event sliding windows) uses the same
 * timer service for it: {@link #registerProcessingTimeTimer}, {@link #currentProcessingTime} and
 * the hook {@link #onProcessingTimer}; the others register no processing-time timer.
 *
 * @param <W> the window the window function sees
 */
@Internal
public abstract class EventTimeWindowOperator<K, T, ACC, V, R, W extends Window>
        extends IncrementalWindowOperator<K, T, ACC, V, R, W>
        implements Triggerable<K, VoidNamespace> {

    private static final long serialVersionUID = 1L;

    private final String stateName;
    private final String windowKind;
    private final OutputTag<T> lateDataTag;

    /** When an element is late (Flink's or eKuiper's rule). */
    protected final LateRule lateRule;

    /** How long fired windows are kept for late elements, in milliseconds. */
    protected final long allowedLateness;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient LateRecords<T> lateRecords;

    /**
     * @param fullWindowAlternative what to use instead for per-window state, named in the error
     * @param stateName the prefix of the timer service's and restored watermarks' names, e.g.
     *     "stagger"
     * @param windowKind the windows, for the "no timestamp" message, e.g. "stagger windows"
     * @param lateRule when an element is late
     * @param allowedLateness how long fired windows are kept for late elements, ms
     * @param lateDataTag the late side output, or null to drop and count late elements
     */
    protected EventTimeWindowOperator(
            AggregateFunction<T, ACC, V> aggregate,
            ProcessWindowFunction<V, R, K, W> windowFunction,
            String fullWindowAlternative,
            String stateName,
            String windowKind,
            LateRule lateRule,
            long allowedLateness,
            OutputTag<T> lateDataTag) {
        super(aggregate, windowFunction, fullWindowAlternative, stateName + "-watermarks");
        this.stateName = stateName;
        this.windowKind = windowKind;
        this.lateRule = lateRule;
        this.allowedLateness = allowedLateness;
        this.lateDataTag = lateDataTag;
    }

    @Override
    public void open() throws Exception {
        super.open();
        timers =
                getInternalTimerService(
                        stateName + "-timers", VoidNamespaceSerializer.INSTANCE, this);
        lateRecords = LateRecords.of(lateDataTag, output, getMetricGroup());
    }

    @Override
    protected long currentWatermark() {
        return timers.currentWatermark();
    }

    /** The element's timestamp; fails the job, saying how to fix it, if it has none. */
    protected final long timestampOf(StreamRecord<T> element) {
        return EventTimestamps.of(
                element, getCurrentKey(), windowKind, processingTimeAlternative());
    }

    /**
     * The processing-time windows to suggest when an element has no timestamp, e.g. {@code
     * "ProcessingTimePerEventSlidingWindows"}; null (the default) when there are none.
     */
    protected String processingTimeAlternative() {
        return null;
    }

    /** An event-time timer for the current key at {@code time}. */
    protected final void registerTimer(long time) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
    }

    /**
     * Whether an element at {@code timestamp} is late on arrival whatever its windows: only under
     * eKuiper's rule ({@link LateRule#isLateOnArrival}).
     */
    protected final boolean isLateOnArrival(long timestamp, long watermark) {
        return lateRule.isLateOnArrival(timestamp, allowedLateness, watermark);
    }

    /** An element too late for all of its windows: to the late side output, or counted. */
    protected final void routeLate(StreamRecord<T> element) {
        lateRecords.route(element);
    }

    /** A processing-time timer for the current key at {@code time}. */
    protected final void registerProcessingTimeTimer(long time) {
        timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
    }

    /** The timer service's processing time. */
    protected final long currentProcessingTime() {
        return timers.currentProcessingTime();
    }

    @Override
    public final void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        onProcessingTimer(timer.getTimestamp());
    }

    /**
     * A processing-time timer of the current key fired at {@code time}. Nothing by default: only a
     * subclass that calls {@link #registerProcessingTimeTimer} has them.
     */
    protected void onProcessingTimer(long time) throws Exception {}
}
