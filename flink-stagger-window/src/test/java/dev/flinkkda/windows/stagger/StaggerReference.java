package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brute-force stagger windows, written from the definition and independent of the operator: per
 * key, sort by timestamp; the first element opens {@code [t0, t0 + size)}, the first element at or
 * after its end opens the next window.
 */
final class StaggerReference {

    private StaggerReference() {}

    /** Elements are (key, timestamp, value). */
    static List<WindowResult> windows(List<Tuple3<String, Long, Long>> elements, long size) {
        Map<String, List<Tuple3<String, Long, Long>>> byKey = new LinkedHashMap<>();
        for (Tuple3<String, Long, Long> e : elements) {
            byKey.computeIfAbsent(e.f0, k -> new ArrayList<>()).add(e);
        }
        List<WindowResult> out = new ArrayList<>();
        for (List<Tuple3<String, Long, Long>> keyElements : byKey.values()) {
            keyElements.sort(Comparator.comparingLong(e -> e.f1));
            WindowResult open = null;
            for (Tuple3<String, Long, Long> e : keyElements) {
                if (open == null || e.f1 >= open.end) {
                    if (open != null) {
                        out.add(open);
                    }
                    open = new WindowResult(e.f0, e.f1, e.f1 + size, 0, 0);
                }
                open.count++;
                open.sum += e.f2;
            }
            out.add(open);
        }
        return out;
    }
}
