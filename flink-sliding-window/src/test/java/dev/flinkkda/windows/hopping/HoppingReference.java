package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brute-force hopping windows of (key, timestamp, value) elements, read straight off the
 * definitions, one millisecond at a time: every instant {@code s} from {@code min t - size} to
 * {@code max t} that the alignment makes a window start — a multiple of the hop ({@link
 * HoppingAlignment#EPOCH_STARTS}), an instant whose {@code s + size} is a multiple of the hop
 * ({@link HoppingAlignment#EPOCH_ENDS}), or {@code start} plus a multiple of the hop, not before
 * {@code start} ({@link HoppingAlignment#START_INSTANT}) — starts a window {@code [s, s + size)};
 * every element with {@code s <= t < s + size} is in it; windows without elements are not emitted.
 */
final class HoppingReference {

    private HoppingReference() {}

    static boolean isWindowStart(
            long s, long size, long hop, HoppingAlignment alignment, long start) {
        switch (alignment) {
            case EPOCH_STARTS:
                return Math.floorMod(s, hop) == 0;
            case EPOCH_ENDS:
                return Math.floorMod(s + size, hop) == 0;
            default:
                return s >= start && Math.floorMod(s - start, hop) == 0;
        }
    }

    /** Whether an element at {@code t} is in some window (else it is in a gap). */
    static boolean inSomeWindow(
            long t, long size, long hop, HoppingAlignment alignment, long start) {
        for (long s = t - size + 1; s <= t; s++) {
            if (isWindowStart(s, size, hop, alignment, start)) {
                return true;
            }
        }
        return false;
    }

    static List<WindowResult> windows(
            List<Tuple3<String, Long, Long>> elements,
            long size,
            long hop,
            HoppingAlignment alignment,
            long start) {
        Map<String, List<Tuple3<String, Long, Long>>> byKey = new LinkedHashMap<>();
        for (Tuple3<String, Long, Long> e : elements) {
            byKey.computeIfAbsent(e.f0, k -> new ArrayList<>()).add(e);
        }
        List<WindowResult> result = new ArrayList<>();
        for (Map.Entry<String, List<Tuple3<String, Long, Long>>> entry : byKey.entrySet()) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Tuple3<String, Long, Long> e : entry.getValue()) {
                min = Math.min(min, e.f1);
                max = Math.max(max, e.f1);
            }
            for (long s = min - size; s <= max; s++) {
                if (!isWindowStart(s, size, hop, alignment, start)) {
                    continue;
                }
                WindowResult window = new WindowResult(entry.getKey(), s, s + size, 0, 0);
                for (Tuple3<String, Long, Long> e : entry.getValue()) {
                    if (s <= e.f1 && e.f1 < s + size) {
                        window.count++;
                        window.sum += e.f2;
                    }
                }
                if (window.count > 0) {
                    result.add(window);
                }
            }
        }
        return result;
    }

    /** What the fast path gives for a stream with late data. */
    record Outcome(
            List<WindowResult> windows, List<Tuple3<String, Long, Long>> late, long inGaps) {}

    /**
     * The fast path's outcome with late data, from the definitions, element by element in arrival
     * order: each window with every element that joined it (its last firing), the late elements in
     * arrival order, and the number of elements in no window.
     *
     * <p>An element at {@code t} arriving when the watermark is {@code W}: with {@link
     * HoppingAlignment#FIRST_ELEMENT}, the key's first element that is not late (judged on the
     * windows from its own timestamp) sets its start {@code t0}. An element in no window is in a
     * gap. Under {@link LateRule#ELEMENT_TIMESTAMP} it is late if {@code t + L <= W}. Otherwise it
     * joins each of its windows with {@code end - 1 + L > W}; with none, it is late.
     *
     * @param watermarks the watermark sent after each element ({@code Long.MIN_VALUE}: none)
     * @param start the start instant of {@link HoppingAlignment#START_INSTANT}
     */
    static Outcome withLateData(
            List<Tuple3<String, Long, Long>> arrivals,
            List<Long> watermarks,
            long size,
            long hop,
            HoppingAlignment alignment,
            long start,
            long lateness,
            LateRule rule) {
        Map<String, Long> firstElements = new HashMap<>();
        Map<List<Object>, WindowResult> windows = new LinkedHashMap<>();
        List<Tuple3<String, Long, Long>> late = new ArrayList<>();
        long inGaps = 0;
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < arrivals.size(); i++) {
            if (i > 0) {
                watermark = Math.max(watermark, watermarks.get(i - 1));
            }
            Tuple3<String, Long, Long> e = arrivals.get(i);
            long t = e.f1;
            HoppingAlignment keyAlignment = alignment;
            long keyStart = start;
            if (alignment == HoppingAlignment.FIRST_ELEMENT) {
                keyAlignment = HoppingAlignment.START_INSTANT;
                Long first = firstElements.get(e.f0);
                if (first == null) {
                    if (isLate(
                            t,
                            windowsOf(t, size, hop, keyAlignment, t),
                            size,
                            lateness,
                            rule,
                            watermark)) {
                        late.add(e);
                        continue;
                    }
                    firstElements.put(e.f0, t);
                    first = t;
                }
                keyStart = first;
            }
            List<Long> starts = windowsOf(t, size, hop, keyAlignment, keyStart);
            if (starts.isEmpty()) {
                inGaps++;
                continue;
            }
            if (isLate(t, starts, size, lateness, rule, watermark)) {
                late.add(e);
                continue;
            }
            for (long s : starts) {
                if (s + size - 1 + lateness > watermark) {
                    WindowResult window =
                            windows.computeIfAbsent(
                                    List.of(e.f0, s),
                                    k -> new WindowResult(e.f0, s, s + size, 0, 0));
                    window.count++;
                    window.sum += e.f2;
                }
            }
        }
        return new Outcome(new ArrayList<>(windows.values()), late, inGaps);
    }

    /** The starts of the windows holding {@code t}, by trying every start. */
    private static List<Long> windowsOf(
            long t, long size, long hop, HoppingAlignment alignment, long start) {
        List<Long> starts = new ArrayList<>();
        for (long s = t - size + 1; s <= t; s++) {
            if (isWindowStart(s, size, hop, alignment, start)) {
                starts.add(s);
            }
        }
        return starts;
    }

    /** Late: behind the watermark (eKuiper's rule), or no window left to join (both rules). */
    private static boolean isLate(
            long t, List<Long> starts, long size, long lateness, LateRule rule, long watermark) {
        if (rule == LateRule.ELEMENT_TIMESTAMP && t + lateness <= watermark) {
            return true;
        }
        for (long s : starts) {
            if (s + size - 1 + lateness > watermark) {
                return false;
            }
        }
        return true;
    }
}
