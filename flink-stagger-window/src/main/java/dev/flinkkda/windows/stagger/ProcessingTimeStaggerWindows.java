package dev.flinkkda.windows.stagger;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.windowing.assigners.MergingWindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.ProcessingTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/**
 * A {@link MergingWindowAssigner} of <em>stagger windows</em> on processing time: per key, a window
 * opens at the processing time {@code t0} at which the first element of the key arrives while none
 * is open, and covers {@code [t0, t0 + size)}; the first element arriving at or after {@code t0 +
 * size} opens the next one. This is Kinesis Data Analytics' {@code WINDOWED BY STAGGER} on an
 * ingestion-time {@code ROWTIME}.
 *
 * <pre>
 *   key A   arrives ● 0s    ● 20s         ● 65s
 *           [0s ───────────────── 60s)    [65s ─────────── 125s)
 * </pre>
 *
 * <p>Processing time only moves forward, so windows are exact without any reordering. The default
 * trigger fires when the processing-time clock reaches {@code end - 1}.
 *
 * @see EventTimeStaggerWindows
 */
@PublicEvolving
public class ProcessingTimeStaggerWindows extends StaggerWindowAssigner {

    private static final long serialVersionUID = 1L;

    private ProcessingTimeStaggerWindows(Duration size) {
        super(size);
    }

    /**
     * Creates stagger windows of the given size on processing time.
     *
     * @param size the length of each window, measured from the element that opens it; positive
     * @throws IllegalArgumentException if {@code size} is not positive or has no whole millisecond
     */
    public static ProcessingTimeStaggerWindows of(Duration size) {
        return new ProcessingTimeStaggerWindows(size);
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            Object element, long timestamp, WindowAssignerContext context) {
        long now = context.getCurrentProcessingTime();
        return Collections.singletonList(new TimeWindow(now, now + getSize()));
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return ProcessingTimeTrigger.create();
    }

    @Override
    public boolean isEventTime() {
        return false;
    }
}
