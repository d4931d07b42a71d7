package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.io.Serializable;
import java.time.Duration;

/**
 * <em>Per-event sliding windows</em>: each element at {@code t} fires one window over the elements
 * of its key in {@code [t - size, t]}, both ends included (eKuiper's {@code SLIDINGWINDOW(unit,
 * size)}, KDA's {@code RANGE INTERVAL 'size' PRECEDING}). With a delay, the window is {@code [t -
 * size, t + delay)}, fired at {@code t + delay} (eKuiper's {@code SLIDINGWINDOW(unit, size,
 * delay)}). Size 10, elements a–e:
 *
 * <pre>
 *   time (ms)     0    5    10   15   20   25
 *   elements      a    b         c    d  e           e at 22
 *   window of a   a                                  [-10, 0]
 *   window of b   a    b                             [-5, 5]
 *   window of c        b         c                   [5, 15]
 *   window of d                  c    d              [10, 20]
 *   window of e                  c    d  e           [12, 22]
 *   delay 4: the window of c is [5, 19) = b c, fired when the watermark reaches 18
 * </pre>
 *
 * <p>Elements at the same timestamp are all in each other's windows; each of them fires one window
 * (Flink SQL's {@code OVER … RANGE}: peers). With {@code excludingLaterPeers()} (KDA's {@code RANGE
 * INTERVAL … PRECEDING}) the window of an element holds only the peers that arrived no later than
 * it:
 *
 * <pre>
 *   time (ms)     0    5              arrival order: a b c d
 *   elements      a    b c d          b, c, d at 5
 *   peers (default)          b, c, d: a b c d each
 *   excludingLaterPeers()    b: a b   c: a b c   d: a b c d
 * </pre>
 *
 * <p>The rule is set on the windows, not on the stream: like the size and the delay it decides what
 * a window holds (as {@code RANGE} vs. {@code ROWS} is part of an SQL window specification), and it
 * is checked against them (it does not combine with a delay). The stream's settings ({@code
 * triggeredBy}, allowed lateness) decide which elements fire windows and how late data is treated.
 *
 * <p>Optionally only elements matching a trigger predicate fire windows ({@link
 * PerEventWindowedStream#triggeredBy}); all elements are in the windows. A window is a {@link
 * TimeWindow} {@code [t - size, t + max(delay, 1 ms))} — for no delay that is {@code [t - size, t +
 * 1)}, which includes {@code t} — and fires like any window when the watermark (or the
 * processing-time clock) reaches its {@code end - 1}: {@code t}, or {@code t + delay - 1}; its
 * result carries that timestamp.
 *
 * <p>The windows are computed by one operator that aggregates each element once and combines slices
 * (one per timestamp) in two stacks — a constant number of merges per element and window, for any
 * {@code AggregateFunction}, {@code max} included:
 *
 * <pre>{@code
 * EventTimePerEventSlidingWindows.of(Duration.ofSeconds(60))
 *     .incremental(readings.keyBy(Reading::sensor))
 *     .triggeredBy(reading -> reading.isAlarm())      // optional
 *     .aggregate(new Max(), new WithWindowBounds());  // or .aggregate(f), .reduce(f[, windowFunction])
 * }</pre>
 *
 * <p>{@code process(ProcessWindowFunction)} hands each window's elements instead (in timestamp
 * order, then arrival order), kept once per element rather than aggregated.
 *
 * <p>A window assigner cannot express these windows (which windows an element is in depends on the
 * elements after it), so there is no {@code window(keyed)} form: {@link #incremental} is the one
 * entry point.
 */
@PublicEvolving
public abstract class PerEventSlidingWindows implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long delay;
    private final boolean excludeLaterPeers;

    PerEventSlidingWindows(long size, long delay, boolean excludeLaterPeers) {
        if (excludeLaterPeers && delay > 1) {
            throw new IllegalArgumentException(
                    "excludingLaterPeers() and a delay ("
                            + delay
                            + " ms) do not combine: the peer rule cuts a window at its own element,"
                            + " a delay ends it at t + delay, after every element at t");
        }
        this.size = size;
        this.delay = delay;
        this.excludeLaterPeers = excludeLaterPeers;
    }

    /**
     * These per-event sliding windows over {@code input}, in one dedicated operator: add {@code
     * aggregate}, {@code reduce} or {@code process} (and optionally a trigger predicate, allowed
     * lateness and a late side output).
     *
     * @param input the keyed stream; on event time its elements must carry timestamps
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <T, K> PerEventWindowedStream<T, K> incremental(KeyedStream<T, K> input) {
        return new PerEventWindowedStream<>(input, this);
    }

    /** How far back from the element each window reaches, in milliseconds. */
    public long getSize() {
        return size;
    }

    /** How long after the element each window ends, in milliseconds; 0 for none. */
    public long getDelay() {
        return delay;
    }

    /**
     * Whether the window of an element at {@code t} holds only the elements at {@code t} that
     * arrived no later than it (KDA's rule), instead of all of them (Flink SQL's peers).
     */
    public boolean excludesLaterPeers() {
        return excludeLaterPeers;
    }

    /** Whether the windows are placed by event time (else by processing time). */
    public abstract boolean isEventTime();

    /** The window an element at {@code timestamp} fires: {@code [t - size, t + max(delay, 1))}. */
    public TimeWindow windowOf(long timestamp) {
        return new TimeWindow(timestamp - size, timestamp + span());
    }

    /** How far a window ends after the element that fires it: {@code max(delay, 1)}. */
    long span() {
        return Math.max(delay, 1);
    }

    static long sizeMillis(Duration size) {
        return WindowArguments.positiveMillis(size, "per-event sliding window size");
    }

    static long delayMillis(Duration delay) {
        return WindowArguments.nonNegativeMillis(delay, "per-event sliding window delay");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName()
                + "{size="
                + size
                + " ms, delay="
                + delay
                + " ms"
                + (excludeLaterPeers ? ", excluding later peers" : "")
                + "}";
    }
}
