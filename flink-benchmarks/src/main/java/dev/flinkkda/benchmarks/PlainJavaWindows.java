package dev.flinkkda.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The same per-key, per-window sums as the Flink jobs, computed by a plain loop over the generated
 * records with a {@link HashMap} of open windows: no Flink, no serialization, no state backend, no
 * timers. Since every key's records come in timestamp order, a key has at most one open window, and
 * a window is complete when the key's next record falls outside it.
 */
public final class PlainJavaWindows {

    private PlainJavaWindows() {}

    /** One key's open window. */
    private static final class OpenWindow {
        long end;
        long sum;

        OpenWindow(long end) {
            this.end = end;
        }
    }

    /**
     * Stagger windows: per key, a window opens at the timestamp {@code t0} of the key's first
     * record when none is open and covers {@code [t0, t0 + sizeMs)}. Passes every window's sum to
     * {@code out}.
     */
    public static void staggerSums(long records, long sizeMs, LongConsumer out) {
        Map<Integer, OpenWindow> open = new HashMap<>();
        for (long i = 0; i < records; i++) {
            int key = RecordGenerator.key(i);
            long timestamp = RecordGenerator.timestamp(i);
            OpenWindow window = open.get(key);
            if (window == null) {
                window = new OpenWindow(timestamp + sizeMs);
                open.put(key, window);
            } else if (timestamp >= window.end) {
                out.accept(window.sum);
                window.end = timestamp + sizeMs;
                window.sum = 0;
            }
            window.sum += RecordGenerator.value(i);
        }
        for (OpenWindow window : open.values()) {
            out.accept(window.sum);
        }
    }

    /**
     * Tumbling windows aligned to the epoch, {@code [n * sizeMs, (n + 1) * sizeMs)}, as Flink's
     * {@code TumblingEventTimeWindows} without offset. Passes every window's sum to {@code out}.
     */
    public static void tumblingSums(long records, long sizeMs, LongConsumer out) {
        Map<Integer, OpenWindow> open = new HashMap<>();
        for (long i = 0; i < records; i++) {
            int key = RecordGenerator.key(i);
            long timestamp = RecordGenerator.timestamp(i);
            long end = timestamp - Math.floorMod(timestamp, sizeMs) + sizeMs;
            OpenWindow window = open.get(key);
            if (window == null) {
                window = new OpenWindow(end);
                open.put(key, window);
            } else if (window.end != end) {
                out.accept(window.sum);
                window.end = end;
                window.sum = 0;
            }
            window.sum += RecordGenerator.value(i);
        }
        for (OpenWindow window : open.values()) {
            out.accept(window.sum);
        }
    }

    /** One key's open session. */
    private static final class OpenSession {
        long start;
        long last;
        long sum;

        OpenSession(long start) {
            this.start = start;
        }
    }

    /**
     * Session windows over {@link SessionRecordGenerator}'s records: per key, a session opens at
     * the timestamp {@code t0} of a record and takes every following record of the key that comes
     * at most {@code gapMs} after the session's previous record and before {@code t0 + maxMs} (the
     * strict cut); the first record that does not opens the next session. {@code maxMs =
     * Long.MAX_VALUE}: no maximum duration, Flink's {@code EventTimeSessionWindows}. Passes every
     * session's sum to {@code out}.
     */
    public static void sessionSums(long records, long gapMs, long maxMs, LongConsumer out) {
        Map<Integer, OpenSession> open = new HashMap<>();
        for (long i = 0; i < records; i++) {
            int key = SessionRecordGenerator.key(i);
            long timestamp = SessionRecordGenerator.timestamp(i);
            OpenSession session = open.get(key);
            if (session == null) {
                session = new OpenSession(timestamp);
                open.put(key, session);
            } else if (timestamp - session.last > gapMs || timestamp - session.start >= maxMs) {
                out.accept(session.sum);
                session.start = timestamp;
                session.sum = 0;
            }
            session.last = timestamp;
            session.sum += SessionRecordGenerator.value(i);
        }
        for (OpenSession session : open.values()) {
            out.accept(session.sum);
        }
    }

    /**
     * Count windows of the last {@code size} records every {@code stride} records per key, from the
     * {@code size}-th on: a ring buffer of the last {@code size} values and a running sum per key
     * (a sum can subtract; a general aggregate cannot, so this is a lower bound on the work).
     */
    public static void slidingCountSums(long records, long size, long stride, LongConsumer out) {
        Map<Integer, long[]> rings = new HashMap<>();
        Map<Integer, long[]> counters = new HashMap<>(); // {n, running sum}
        for (long i = 0; i < records; i++) {
            int key = RecordGenerator.key(i);
            long[] ring = rings.computeIfAbsent(key, k -> new long[(int) size]);
            long[] counter = counters.computeIfAbsent(key, k -> new long[2]);
            long n = ++counter[0];
            int slot = (int) ((n - 1) % size);
            counter[1] += RecordGenerator.value(i) - ring[slot];
            ring[slot] = RecordGenerator.value(i);
            if (n % stride == 0 && n >= size) {
                out.accept(counter[1]);
            }
        }
    }

    /** One key's hopping windows: the pane sums of the window that ends next, in a ring. */
    private static final class HoppingKey {
        final long[] paneSums;
        final long[] paneCounts;
        long nextEnd;
        long sum;
        long count;

        HoppingKey(int panes, long nextEnd) {
            this.paneSums = new long[panes];
            this.paneCounts = new long[panes];
            this.nextEnd = nextEnd;
        }
    }

    /**
     * Hopping windows {@code [k * hopMs, k * hopMs + sizeMs)} (Flink's sliding windows; {@code
     * sizeMs} a multiple of {@code hopMs}): per key a ring of {@code sizeMs / hopMs} pane sums and
     * a running sum, emitted for each non-empty window when the key's next record is at or past its
     * end. A sum can subtract the pane that leaves; a general aggregate cannot, so this is a lower
     * bound on the work.
     */
    public static void hoppingSums(long records, long sizeMs, long hopMs, LongConsumer out) {
        int panes = (int) (sizeMs / hopMs);
        Map<Integer, HoppingKey> keys = new HashMap<>();
        for (long i = 0; i < records; i++) {
            int key = RecordGenerator.key(i);
            long timestamp = RecordGenerator.timestamp(i);
            HoppingKey state = keys.get(key);
            if (state == null) {
                state = new HoppingKey(panes, Math.floorDiv(timestamp, hopMs) * hopMs + hopMs);
                keys.put(key, state);
            }
            while (timestamp >= state.nextEnd) {
                slide(state, sizeMs, hopMs, out);
            }
            int slot = (int) Math.floorMod(Math.floorDiv(timestamp, hopMs), (long) panes);
            state.paneSums[slot] += RecordGenerator.value(i);
            state.paneCounts[slot]++;
            state.sum += RecordGenerator.value(i);
            state.count++;
        }
        for (HoppingKey state : keys.values()) {
            while (state.count > 0) {
                slide(state, sizeMs, hopMs, out);
            }
        }
    }

    /** Emits the window ending at {@code nextEnd} (if not empty) and drops its oldest pane. */
    private static void slide(HoppingKey state, long sizeMs, long hopMs, LongConsumer out) {
        if (state.count > 0) {
            out.accept(state.sum);
        }
        int leaving =
                (int)
                        Math.floorMod(
                                Math.floorDiv(state.nextEnd - sizeMs, hopMs),
                                (long) state.paneSums.length);
        state.sum -= state.paneSums[leaving];
        state.count -= state.paneCounts[leaving];
        state.paneSums[leaving] = 0;
        state.paneCounts[leaving] = 0;
        state.nextEnd += hopMs;
    }
}
