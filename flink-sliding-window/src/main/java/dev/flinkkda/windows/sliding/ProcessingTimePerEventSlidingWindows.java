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
 * the same millisecond before that are in each other's windows (with {@link
 * #excludingLaterPeers()}, each only in those of the elements taken in after it).
 */
@PublicEvolving
public final class ProcessingTimePerEventSlidingWindows extends PerEventSlidingWindows {

    private static final long serialVersionUID = 1L;

    private ProcessingTimePerEventSlidingWindows(long size, long delay, boolean excludeLaterPeers) {
        super(size, delay, excludeLaterPeers);
    }

    /**
     * Windows reaching {@code size} back from each element, both ends included.
     *
     * @param size positive, whole milliseconds
     */
    public static ProcessingTimePerEventSlidingWindows of(Duration size) {
        return new ProcessingTimePerEventSlidingWindows(sizeMillis(size), 0, false);
    }

    /**
     * These windows, each extended to {@code [t - size, t + delay)} and fired when the clock
     * reaches {@code t + delay - 1}.
     *
     * @param delay zero or positive, whole milliseconds
     * @throws IllegalArgumentException if more than 1 ms and these windows exclude later peers
     */
    public ProcessingTimePerEventSlidingWindows withDelay(Duration delay) {
        return new ProcessingTimePerEventSlidingWindows(
                getSize(), delayMillis(delay), excludesLaterPeers());
    }

    /**
     * These windows with KDA's rule for equal times: the window of an element {@code e} taken in at
     * millisecond {@code t} holds the elements of {@code [t - size, t)} and those taken in at
     * {@code t} before {@code e} ({@code e} included), triggers or not — as KDA, which computes a
     * row's window when the row arrives.
     *
     * @throws IllegalArgumentException if these windows have a delay of more than 1 ms
     */
    public ProcessingTimePerEventSlidingWindows excludingLaterPeers() {
        return new ProcessingTimePerEventSlidingWindows(getSize(), getDelay(), true);
    }

    @Override
    public boolean isEventTime() {
        return false;
    }
}
