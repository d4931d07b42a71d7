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
 * EventTimePerEventSlidingWindows.of(Duration.ofSeconds(60)).incremental(keyed)
 *     .aggregate(new Sum());
 * }</pre>
 */
@PublicEvolving
public final class EventTimePerEventSlidingWindows extends PerEventSlidingWindows {

    private static final long serialVersionUID = 1L;

    private EventTimePerEventSlidingWindows(long size, long delay, boolean excludeLaterPeers) {
        super(size, delay, excludeLaterPeers);
    }

    /**
     * Windows reaching {@code size} back from each element, both ends included.
     *
     * @param size positive, whole milliseconds
     * @throws IllegalArgumentException if {@code size} is null, not positive or not whole
     *     milliseconds
     */
    public static EventTimePerEventSlidingWindows of(Duration size) {
        return new EventTimePerEventSlidingWindows(sizeMillis(size), 0, false);
    }

    /**
     * These windows, each extended to {@code [t - size, t + delay)} and fired at {@code t + delay}:
     * the elements of the next {@code delay} are included. A delay of zero (the default) or 1 ms is
     * {@code [t - size, t]}.
     *
     * @param delay zero or positive, whole milliseconds
     * @throws IllegalArgumentException if more than 1 ms and these windows exclude later peers
     */
    public EventTimePerEventSlidingWindows withDelay(Duration delay) {
        return new EventTimePerEventSlidingWindows(
                getSize(), delayMillis(delay), excludesLaterPeers());
    }

    /**
     * These windows with KDA's rule for equal timestamps ({@code RANGE INTERVAL 'size' PRECEDING}):
     * the window of an element {@code e} at {@code t} holds the elements with timestamps in {@code
     * [t - size, t)} and the elements at exactly {@code t} that arrived no later than {@code e}
     * ({@code e} included) — triggers or not. Defined on timestamp order with ties broken by
     * arrival order: an element with an earlier timestamp that arrives after {@code e}, but before
     * {@code e}'s window fires, is in it.
     *
     * <pre>
     *   size 10; arrivals: a@3  b@5  c@5  x@2  d@5, watermark 5
     *   window of b   [-5, 5]   x a b
     *   window of c   [-5, 5]   x a b c
     *   window of d   [-5, 5]   x a b c d      (without the rule: x a b c d for all three)
     * </pre>
     *
     * <p>Only without a delay (or with 1 ms, the same): a delay ends the window at {@code t +
     * delay}, after every element at {@code t}, so no sensible window is cut at {@code e}.
     *
     * @throws IllegalArgumentException if these windows have a delay of more than 1 ms
     */
    public EventTimePerEventSlidingWindows excludingLaterPeers() {
        return new EventTimePerEventSlidingWindows(getSize(), getDelay(), true);
    }

    @Override
    public boolean isEventTime() {
        return true;
    }
}
