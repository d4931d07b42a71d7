package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.testing.ReferencePipeline;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brute-force stagger windows, written from the definition and independent of the operator: per
 * key, sort by timestamp; the first element opens {@code [t0, t0 + size)}, the first element at or
 * after its end opens the next window. {@link WithLateData} adds late data, as the fast path's
 * README states it, under either {@link LateRule}.
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

    /**
     * The fast path's windows with late data, fed in arrival order, kept the simple way: every
     * window ever opened (fired or not) and every element not yet placed, scanned on each call.
     *
     * <ul>
     *   <li>Under {@link LateRule#ELEMENT_TIMESTAMP} an element with {@code t + L <= W} is late.
     *   <li>An element inside the key's window that has not fired joins it.
     *   <li>Any other element ahead of the watermark waits; each watermark places the waiting
     *       elements it passed in timestamp order (joining the window that has not fired if inside
     *       it, else opening {@code [t, t + size)}), firing each window at {@code end - 1} on the
     *       way.
     *   <li>Any other element behind the watermark joins a fired window kept for the allowed
     *       lateness ({@code end - 1 + L > W}) that contains it, which fires again; else, if it is
     *       at or after the end of all of its key's kept and open windows and {@code t + size - 1 +
     *       L > W}, it opens {@code [t, t + size)}, which fires at once if {@code end - 1 <= W};
     *       else it is late.
     * </ul>
     *
     * <p>{@code W} is the highest watermark fed so far, also across a restore of the pipeline under
     * test.
     */
    static final class WithLateData extends ReferencePipeline {

        private final long size;
        private final long allowedLateness;
        private final LateRule rule;
        private final Map<String, List<Window>> windows = new HashMap<>();
        private final List<Tuple3<String, Long, Long>> waiting = new ArrayList<>();

        WithLateData(long size, long allowedLateness, LateRule rule) {
            this.size = size;
            this.allowedLateness = allowedLateness;
            this.rule = rule;
        }

        /** A window of one key: bounds, count, sum, whether it has fired. */
        private static final class Window {
            final long start;
            final long end;
            long count;
            long sum;
            boolean fired;

            Window(long start, long end) {
                this.start = start;
                this.end = end;
            }
        }

        @Override
        public void element(String key, long timestamp, long value) {
            long watermark = currentWatermark();
            Tuple3<String, Long, Long> element = Tuple3.of(key, timestamp, value);
            if (rule == LateRule.ELEMENT_TIMESTAMP && timestamp + allowedLateness <= watermark) {
                lateElement(element);
                return;
            }
            List<Window> ofKey = windows.computeIfAbsent(key, k -> new ArrayList<>());
            Window open = open(ofKey);
            if (open != null && open.start <= timestamp && timestamp < open.end) {
                add(open, value);
                return;
            }
            if (timestamp > watermark) {
                waiting.add(element);
                return;
            }
            boolean laterThanAll = open == null || timestamp >= open.end;
            for (Window kept : ofKey) {
                if (kept.fired && kept.end - 1 + allowedLateness > watermark) {
                    if (kept.start <= timestamp && timestamp < kept.end) {
                        add(kept, value);
                        fire(key, kept);
                        return;
                    }
                    laterThanAll &= timestamp >= kept.end;
                }
            }
            if (laterThanAll && timestamp + size - 1 + allowedLateness > watermark) {
                Window opened = new Window(timestamp, timestamp + size);
                ofKey.add(opened);
                add(opened, value);
                if (opened.end - 1 <= watermark) {
                    fire(key, opened);
                }
                return;
            }
            lateElement(element);
        }

        @Override
        protected void advance() {
            long watermark = currentWatermark();
            List<Tuple3<String, Long, Long>> passed = new ArrayList<>();
            for (Tuple3<String, Long, Long> e : waiting) {
                if (e.f1 <= watermark) {
                    passed.add(e);
                }
            }
            waiting.removeAll(passed);
            passed.sort(Comparator.comparingLong(e -> e.f1)); // stable: arrival order at a tie
            for (Tuple3<String, Long, Long> e : passed) {
                List<Window> ofKey = windows.computeIfAbsent(e.f0, k -> new ArrayList<>());
                Window open = open(ofKey);
                if (open != null && open.end - 1 < e.f1) {
                    fire(e.f0, open);
                    open = null;
                }
                if (open == null) {
                    open = new Window(e.f1, e.f1 + size);
                    ofKey.add(open);
                }
                add(open, e.f2);
            }
            for (Map.Entry<String, List<Window>> ofKey : windows.entrySet()) {
                Window open = open(ofKey.getValue());
                if (open != null && open.end - 1 <= watermark) {
                    fire(ofKey.getKey(), open);
                }
            }
        }

        private static Window open(List<Window> ofKey) {
            for (Window w : ofKey) {
                if (!w.fired) {
                    return w;
                }
            }
            return null;
        }

        private static void add(Window window, long value) {
            window.count++;
            window.sum += value;
        }

        private void fire(String key, Window window) {
            window.fired = true;
            fired(new WindowResult(key, window.start, window.end, window.count, window.sum));
        }
    }
}
