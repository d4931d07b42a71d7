package dev.flinkkda.windows.session;

import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Brute-force sessions of (key, timestamp, value) elements, read straight off the definition: per
 * key, in timestamp order, a session starts at its first element; the next element joins it when it
 * comes no later than the furthest {@code t + gap(t)} so far and before the session's cut; the
 * session's window ends at that furthest reach or at the cut, whichever is first.
 */
final class SessionReference {

    private SessionReference() {}

    /** Cut instant of a session that started at {@code start}: none, strict, or aligned checks. */
    static long cut(long start, long maxDuration, MaxDurationRule rule) {
        if (maxDuration == 0) {
            return Long.MAX_VALUE;
        }
        if (rule == MaxDurationRule.STRICT) {
            return start + maxDuration;
        }
        // walk the checks 0, max, 2max, … (or backwards for negative starts) to the first T with
        // T - max > start
        long check = 0;
        while (check - maxDuration > start) {
            check -= maxDuration;
        }
        while (check - maxDuration <= start) {
            check += maxDuration;
        }
        return check;
    }

    static List<WindowResult> sessions(
            List<Tuple3<String, Long, Long>> elements,
            ToLongFunction<Tuple3<String, Long, Long>> gap,
            long maxDuration,
            MaxDurationRule rule) {
        Map<String, List<Tuple3<String, Long, Long>>> byKey = new LinkedHashMap<>();
        for (Tuple3<String, Long, Long> e : elements) {
            byKey.computeIfAbsent(e.f0, k -> new ArrayList<>()).add(e);
        }
        List<WindowResult> result = new ArrayList<>();
        for (Map.Entry<String, List<Tuple3<String, Long, Long>>> entry : byKey.entrySet()) {
            List<Tuple3<String, Long, Long>> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(Comparator.comparingLong(e -> e.f1));
            WindowResult open = null;
            long reach = 0;
            long cut = 0;
            for (Tuple3<String, Long, Long> e : sorted) {
                long t = e.f1;
                if (open != null && t <= reach && t < cut) {
                    open.count++;
                    open.sum += e.f2;
                    reach = Math.max(reach, t + gap.applyAsLong(e));
                } else {
                    if (open != null) {
                        open.end = Math.min(reach, cut);
                        result.add(open);
                    }
                    open = new WindowResult(entry.getKey(), t, 0, 1, e.f2);
                    reach = t + gap.applyAsLong(e);
                    cut = cut(t, maxDuration, rule);
                }
            }
            if (open != null) {
                open.end = Math.min(reach, cut);
                result.add(open);
            }
        }
        return result;
    }
}
