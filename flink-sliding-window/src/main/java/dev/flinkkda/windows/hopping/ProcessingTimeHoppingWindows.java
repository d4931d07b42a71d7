package dev.flinkkda.windows.hopping;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.windowing.triggers.ProcessingTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.time.Instant;

/**
 * A window assigner of hopping windows on processing time: {@link EventTimeHoppingWindows} with
 * each element placed by the operator's clock when it arrives. The windows are the same grid (epoch
 * starts, epoch ends or a start instant); the default trigger fires when the clock passes {@code
 * end - 1}. Elements arriving in a gap or before the start instant belong to no window.
 *
 * <pre>
 *   size 3 s, hop 5 s, arrivals (s):  1   2     6        11 12
 *   windows (epoch starts)           [0 ── 3)  [5 ── 8)  [10 ── 13)
 *   arrivals at 3, 4, 8, 9 s would be in gaps
 * </pre>
 *
 * <p>With the default alignment these are Flink's {@code SlidingProcessingTimeWindows.of(size,
 * hop)}.
 */
@PublicEvolving
public class ProcessingTimeHoppingWindows extends HoppingWindowAssigner {

    private static final long serialVersionUID = 1L;

    private ProcessingTimeHoppingWindows(
            long size, long hop, HoppingAlignment alignment, long start) {
        super(size, hop, alignment, start);
    }

    /**
     * Processing-time hopping windows of {@code size} every {@code hop}, with starts at multiples
     * of the hop since the epoch.
     *
     * @throws IllegalArgumentException naming the argument that is null, not positive, or not a
     *     whole number of milliseconds
     */
    public static ProcessingTimeHoppingWindows of(Duration size, Duration hop) {
        return new ProcessingTimeHoppingWindows(
                toMillis(size, "size"), toMillis(hop, "hop"), HoppingAlignment.EPOCH_STARTS, 0);
    }

    /** These windows with starts at multiples of the hop since the epoch: the default. */
    public ProcessingTimeHoppingWindows alignedToStarts() {
        return new ProcessingTimeHoppingWindows(
                getSize(), getHop(), HoppingAlignment.EPOCH_STARTS, 0);
    }

    /** These windows with ends at multiples of the hop since the epoch (eKuiper). */
    public ProcessingTimeHoppingWindows alignedToEnds() {
        return new ProcessingTimeHoppingWindows(
                getSize(), getHop(), HoppingAlignment.EPOCH_ENDS, 0);
    }

    /** These windows from {@code start} on; nothing arriving before it is in a window. */
    public ProcessingTimeHoppingWindows startingAt(Instant start) {
        return new ProcessingTimeHoppingWindows(
                getSize(), getHop(), HoppingAlignment.START_INSTANT, toEpochMillis(start));
    }

    @Override
    long windowTime(long timestamp, WindowAssignerContext context) {
        return context.getCurrentProcessingTime();
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
