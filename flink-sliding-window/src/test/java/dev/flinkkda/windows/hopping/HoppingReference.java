package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
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
}
