package dev.flinkkda.windows.sliding;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Duration;

/**
 * {@link PerEventSlidingWindows} on event time: each element at event time {@code t} fires one
 * window over {@code [t - size, t]} (with a delay, {@code [t - size, t + delay)}), when the
 * watermark reaches {@code t} (or {@code t + delay - 1}). Input that is out of order within the
 * watermark bound gives the same windows as sorted input.
 *
 * <pre>{@code
 * PerEventSlidingWindows.over(keyed, EventTimePerEventSlidingWindows.of(Duration.ofSeconds(60)))
 *     .aggregate(new Sum());
 * }</pre>
 */
@PublicEvolving
public final class EventTimePerEventSlidingWindows extends PerEventSlidingWindows {

    private static final long serialVersionUID = 1L;

    private EventTimePerEventSlidingWindows(long size, long delay) {
        super(size, delay);
    }

    /**
     * Windows reaching {@code size} back from each element, both ends included.
     *
     * @param size positive, whole milliseconds
     * @throws IllegalArgumentException if {@code size} is null, not positive or not whole
     *     milliseconds
     */
    public static EventTimePerEventSlidingWindows of(Duration size) {
        return new EventTimePerEventSlidingWindows(sizeMillis(size), 0);
    }

    /**
     * These windows, each extended to {@code [t - size, t + delay)} and fired at {@code t + delay}:
     * the elements of the next {@code delay} are included. A delay of zero (the default) or 1 ms is
     * {@code [t - size, t]}.
     *
     * @param delay zero or positive, whole milliseconds
     */
    public EventTimePerEventSlidingWindows withDelay(Duration delay) {
        return new EventTimePerEventSlidingWindows(getSize(), delayMillis(delay));
    }

    @Override
    public boolean isEventTime() {
        return true;
    }
}
