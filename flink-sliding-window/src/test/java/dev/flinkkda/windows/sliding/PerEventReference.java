package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Brute-force per-event sliding windows of (key, timestamp, value) elements, read straight off the
 * definition, one input at a time; each input returns the windows it emits. Nothing is aggregated
 * incrementally: every window is counted from the list of all elements its key has taken in.
 *
 * <p>With {@code span = max(delay, 1)}, each <em>trigger</em> element at {@code t} (every element,
 * or those whose value passes the trigger predicate) has one window {@code [t - size, t + span)}
 * over all elements of its key (triggers or not) with a timestamp in it, fired when time reaches
 * {@code f(t) = t + span - 1}; with allowed lateness {@code L} it is kept until {@code c(t) = f(t)
 * + L}.
 *
 * <p><b>Later peers excluded</b> (KDA's rule, no delay): elements are numbered in arrival order;
 * the window of a trigger {@code e} at {@code t} holds the elements with a timestamp in {@code [t -
 * size, t)} and those at {@code t} numbered up to {@code e}'s. <b>The firing element</b>: each
 * window is a {@link FiredWindowResult} with the trigger's element (its timestamp field, which is 0
 * for the elements of processing time, and its value).
 *
 * <p><b>Event time</b> ({@link #element}, {@link #watermark}): an element at {@code ts} with the
 * watermark at {@code W} is
 *
 * <ul>
 *   <li>on time if {@code ts > W}: it is taken in, and its window (if a trigger) fires when the
 *       watermark reaches {@code f(ts)};
 *   <li>late if {@code ts + L <= W} (eKuiper's rule: without allowed lateness every element at or
 *       behind the watermark, whatever the delay): it goes to the late side output, or is dropped
 *       and counted; it joins no window;
 *   <li>else behind the watermark: it is taken in; every window that has fired, contains {@code ts}
 *       and whose {@code c(t) > W} fires again at once, once per trigger element it belongs to; its
 *       own window (if a trigger) fires at once if {@code f(ts) <= W}, else when the watermark
 *       reaches {@code f(ts)}.
 * </ul>
 *
 * <p><b>Processing time</b> ({@link #elementNow}, {@link #processingTime}): an element's timestamp
 * is the clock when it arrives, except that a millisecond whose timers have run is closed: an
 * element arriving in it counts as the next millisecond. The timers the definition implies are one
 * per element timestamp (its slice) and one per trigger's fire time; windows fire when the clock is
 * set to their fire time or later. The operator also keeps one cleanup timer per key, at some
 * element's {@code t + size + span - 1}: whether it has closed the current millisecond is not part
 * of the definition, so {@link #arrivalTimeKnown()} tells the test when it must not send elements.
 */
final class PerEventReference {

    private final long size;
    private final long span;
    private final long allowedLateness;
    private final boolean lateOutput;
    private final LongPredicate trigger;
    private final boolean excludeLaterPeers;
    private final boolean withElements;
    private boolean valuesInOrder;

    /** All elements taken in, per key: {timestamp, value, arrival number}. */
    private final Map<String, List<long[]>> elements = new LinkedHashMap<>();

    /** One per trigger element taken in, in arrival order. */
    private final List<Trigger> triggers = new ArrayList<>();

    private final List<Tuple3<String, Long, Long>> late = new ArrayList<>();
    private long lateRecordsDropped;
    private long watermark = Long.MIN_VALUE;
    private long arrivals;

    /** Windows emitted with peers at their trigger's timestamp (other elements there). */
    long windowsWithPeers;

    /** Windows emitted without some peer that arrived after their trigger (the rule applied). */
    long windowsWithoutLaterPeers;

    // processing time
    private long clock = Long.MIN_VALUE;
    private long closed = Long.MIN_VALUE;
    private final Set<Long> timerTimes = new HashSet<>();
    private final Set<Long> possibleCleanupTimes = new HashSet<>();

    /** A trigger element: the window it fires, and whether it has fired (at least once). */
    private static final class Trigger {
        final String key;
        final long t;
        final long field; // the element's timestamp field
        final long value;
        final long number; // in arrival order
        boolean fired;

        Trigger(String key, long t, long field, long value, long number) {
            this.key = key;
            this.t = t;
            this.field = field;
            this.value = value;
            this.number = number;
        }
    }

    /**
     * @param trigger on the element's value: whether it fires a window; null for every element
     * @param lateOutput whether late elements go to the side output (else dropped and counted)
     */
    PerEventReference(
            long size,
            long delay,
            long allowedLateness,
            boolean lateOutput,
            LongPredicate trigger) {
        this(size, delay, allowedLateness, lateOutput, trigger, false, false);
    }

    /**
     * @param excludeLaterPeers KDA's rule (only without a delay)
     * @param withElements whether the windows come with their firing element
     */
    PerEventReference(
            long size,
            long delay,
            long allowedLateness,
            boolean lateOutput,
            LongPredicate trigger,
            boolean excludeLaterPeers,
            boolean withElements) {
        if (excludeLaterPeers && delay > 1) {
            throw new IllegalArgumentException("no delay with later peers excluded");
        }
        this.excludeLaterPeers = excludeLaterPeers;
        this.withElements = withElements;
        this.size = size;
        this.span = Math.max(delay, 1);
        this.allowedLateness = allowedLateness;
        this.lateOutput = lateOutput;
        this.trigger = trigger;
    }

    /**
     * The element form ({@code process}): each window's values in the order its elements come, by
     * timestamp and at one timestamp by arrival, instead of sorted.
     */
    PerEventReference valuesInOrder() {
        valuesInOrder = true;
        return this;
    }

    /** Whether the windows' values come in order ({@link #valuesInOrder()}). */
    boolean inOrder() {
        return valuesInOrder;
    }

    long fireTime(long t) {
        return t + span - 1;
    }

    long cleanupTime(long t) {
        return fireTime(t) + allowedLateness;
    }

    // ---- event time ----

    /** An element with an event timestamp; returns the windows it emits at once. */
    List<WindowResult> element(String key, long ts, long value) {
        List<WindowResult> emitted = new ArrayList<>();
        if (ts > watermark) {
            takeIn(key, ts, ts, value);
            return emitted;
        }
        if (ts + allowedLateness <= watermark) {
            if (lateOutput) {
                late.add(Tuple3.of(key, ts, value));
            } else {
                lateRecordsDropped++;
            }
            return emitted;
        }
        // behind the watermark, not late
        long number = arrivals++;
        elements.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {ts, value, number});
        for (Trigger fired : triggers) {
            if (fired.fired
                    && fired.key.equals(key)
                    && fireTime(fired.t) <= watermark
                    && contains(fired, ts, number)
                    && cleanupTime(fired.t) > watermark) {
                emitted.add(window(fired));
            }
        }
        if (isTrigger(value)) {
            Trigger own = new Trigger(key, ts, ts, value, number);
            triggers.add(own);
            if (fireTime(ts) <= watermark) {
                own.fired = true;
                emitted.add(window(own));
            }
        }
        return emitted;
    }

    /** The watermark advances; returns the windows it fires. */
    List<WindowResult> watermark(long w) {
        watermark = Math.max(watermark, w);
        return fireDue(watermark);
    }

    // ---- processing time ----

    /**
     * Whether an element arriving now gets a timestamp the definition fixes: false when the clock
     * is at a millisecond that no slice or window timer has closed but the operator's cleanup timer
     * may have.
     */
    boolean arrivalTimeKnown() {
        return closed == clock || !possibleCleanupTimes.contains(clock);
    }

    /** The timestamp an element arriving now gets. */
    long arrivalTime() {
        return closed >= clock ? closed + 1 : clock;
    }

    /** An element arriving now (processing time): its timestamp is {@link #arrivalTime()}. */
    void elementNow(String key, long value) {
        long t = arrivalTime();
        takeIn(key, t, 0, value); // the harness sends (key, 0, value)
        timerTimes.add(t);
        possibleCleanupTimes.add(t + size + span - 1);
        if (isTrigger(value)) {
            timerTimes.add(fireTime(t));
        }
    }

    /** The clock is set to {@code time}: the timers up to it run; returns the windows fired. */
    List<WindowResult> processingTime(long time) {
        clock = time;
        for (long timer : timerTimes) {
            if (timer <= time) {
                closed = Math.max(closed, timer);
            }
        }
        return fireDue(time);
    }

    // ---- common ----

    private void takeIn(String key, long ts, long field, long value) {
        long number = arrivals++;
        elements.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {ts, value, number});
        if (isTrigger(value)) {
            triggers.add(new Trigger(key, ts, field, value, number));
        }
    }

    /** Whether the window of {@code trigger} holds the element at {@code ts} numbered so. */
    private boolean contains(Trigger trigger, long ts, long number) {
        if (ts < trigger.t - size) {
            return false;
        }
        if (excludeLaterPeers) {
            return ts < trigger.t || (ts == trigger.t && number <= trigger.number);
        }
        return ts < trigger.t + span;
    }

    private boolean isTrigger(long value) {
        return trigger == null || trigger.test(value);
    }

    /** Fires the windows not fired yet whose fire time is at or before {@code time}. */
    private List<WindowResult> fireDue(long time) {
        List<WindowResult> emitted = new ArrayList<>();
        for (Trigger due : triggers) {
            if (!due.fired && fireTime(due.t) <= time) {
                due.fired = true;
                emitted.add(window(due));
            }
        }
        return emitted;
    }

    /** The window of {@code trigger}, over every element of its key taken in so far. */
    private WindowResult window(Trigger trigger) {
        long t = trigger.t;
        WindowResult window;
        if (withElements) {
            FiredWindowResult fired = new FiredWindowResult();
            fired.firedAt = trigger.field;
            fired.firedBy = trigger.value;
            window = fired;
        } else {
            window = new WindowResult();
        }
        window.key = trigger.key;
        window.start = t - size;
        window.end = t + span;
        List<Long> values = new ArrayList<>();
        int peers = 0;
        int laterPeers = 0;
        List<long[]> ofKey = new ArrayList<>(elements.getOrDefault(trigger.key, List.of()));
        if (valuesInOrder) { // by timestamp, then by arrival
            ofKey.sort(
                    (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[2], b[2]));
        }
        for (long[] e : ofKey) {
            if (e[0] == t && e[2] != trigger.number) {
                peers++;
                laterPeers += e[2] > trigger.number ? 1 : 0;
            }
            if (contains(trigger, e[0], e[2])) {
                window.count++;
                window.sum += e[1];
                values.add(e[1]);
            }
        }
        if (window.count == 0) {
            throw new IllegalStateException("a window without its own trigger element: " + t);
        }
        windowsWithPeers += peers > 0 ? 1 : 0;
        windowsWithoutLaterPeers += excludeLaterPeers && laterPeers > 0 ? 1 : 0;
        window.values = valuesInOrder ? joined(values) : sortedValues(values);
        return window;
    }

    /** Values as a canonical string: sorted, joined with commas (the order is not defined). */
    static String sortedValues(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return joined(sorted);
    }

    /** Values joined with commas, in their order. */
    static String joined(List<Long> values) {
        StringBuilder joined = new StringBuilder();
        for (long v : values) {
            joined.append(joined.length() == 0 ? "" : ",").append(v);
        }
        return joined.toString();
    }

    /** Elements sent to the late side output so far. */
    List<Tuple3<String, Long, Long>> late() {
        return late;
    }

    /** Late elements dropped so far (no late side output). */
    long lateRecordsDropped() {
        return lateRecordsDropped;
    }

    long currentWatermark() {
        return watermark;
    }
}
