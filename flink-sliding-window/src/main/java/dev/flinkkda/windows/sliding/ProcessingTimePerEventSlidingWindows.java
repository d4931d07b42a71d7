package dev.flinkkda.windows.sliding;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;

/**
 * {@link PerEventSlidingWindows} on processing time: each element fires one window over the
 * elements of its key that the operator took in the last {@code size} (both ends included) — or,
 * with a delay, in {@code [t - size, t + delay)}, fired when the clock reaches {@code t + delay -
 * 1}.
 *
 * <p>An element's time {@code t} is the operator's clock when it takes the element, but never a
 * millisecond for which the operator has already run its timers (they push slices and fire
 * windows): an element that arrives in such a millisecond counts as the next one. Elements taken in
 * the same millisecond before that are in each other's windows.
 */
@PublicEvolving
public final class ProcessingTimePerEventSlidingWindows extends PerEventSlidingWindows {

    private static final long serialVersionUID = 1L;

    private ProcessingTimePerEventSlidingWindows(long size, long delay) {
        super(size, delay);
    }

    /**
     * Windows reaching {@code size} back from each element, both ends included.
     *
     * @param size positive, whole milliseconds
     */
    public static ProcessingTimePerEventSlidingWindows of(Duration size) {
        return new ProcessingTimePerEventSlidingWindows(sizeMillis(size), 0);
    }

    /**
     * These windows, each extended to {@code [t - size, t + delay)} and fired when the clock
     * reaches {@code t + delay - 1}.
     *
     * @param delay zero or positive, whole milliseconds
     */
    public ProcessingTimePerEventSlidingWindows withDelay(Duration delay) {
        return new ProcessingTimePerEventSlidingWindows(getSize(), delayMillis(delay));
    }

    @Override
    public boolean isEventTime() {
        return false;
    }
}
