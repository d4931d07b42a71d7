package dev.flinkkda.windows.session;

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
import java.util.function.ToLongFunction;

/**
 * Brute-force sessions of (key, timestamp, value) elements, read straight off the definition: per
 * key, in timestamp order, a session starts at its first element; the next element joins it when it
 * comes no later than the furthest {@code t + gap(t)} so far and before the session's cut; the
 * session's window ends at that furthest reach or at the cut, whichever is first. {@link
 * WithLateData} adds late data, as the fast path's README states it, under either {@link LateRule}.
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

    /**
     * The fast path's sessions with late data, fed in arrival order, kept the simple way: every
     * session ever opened (fired or not) and every element not yet placed, scanned on each call. A
     * session at {@code s} takes an element at {@code t} iff {@code s <= t <= end} and {@code t <
     * cut(s)}; taking it moves the end to {@code min(max(end, t + gap(t)), cut(s))}.
     *
     * <ul>
     *   <li>Under {@link LateRule#ELEMENT_TIMESTAMP} an element with {@code t + L <= W} is late.
     *   <li>An element the key's session that has not fired takes joins it.
     *   <li>Any other element ahead of the watermark waits. A watermark walks event time up to
     *       itself: at {@code end - 1} of the session that has not fired, the waiting elements
     *       exactly at its end join it (as often as that moves the end onto more of them), then it
     *       fires if its end has not moved; at the time of waiting elements, they join that session
     *       if it takes them, else open the next session.
     *   <li>Any other element behind the watermark joins the latest-starting fired session kept for
     *       the allowed lateness ({@code end - 1 + L > W}) that takes it, which fires again; else,
     *       if no session of its key is open and it lies after the end of all kept ones and its
     *       session's {@code end - 1 + L > W}, it opens a session, which fires at once if {@code
     *       end - 1 <= W}; else it is late.
     * </ul>
     *
     * <p>{@code W} is the highest watermark fed so far, also across a restore of the pipeline under
     * test.
     */
    static final class WithLateData extends ReferencePipeline {

        private final ToLongFunction<Tuple3<String, Long, Long>> gap;
        private final long maxDuration;
        private final MaxDurationRule rule;
        private final long allowedLateness;
        private final LateRule lateRule;
        private final Map<String, List<Session>> sessions = new HashMap<>();
        private final List<Tuple3<String, Long, Long>> waiting = new ArrayList<>();

        WithLateData(
                ToLongFunction<Tuple3<String, Long, Long>> gap,
                long maxDuration,
                MaxDurationRule rule,
                long allowedLateness,
                LateRule lateRule) {
            this.gap = gap;
            this.maxDuration = maxDuration;
            this.rule = rule;
            this.allowedLateness = allowedLateness;
            this.lateRule = lateRule;
        }

        /** A session of one key: start, cut, end, count, sum, whether it has fired. */
        private final class Session {
            final long start;
            final long cut;
            long end;
            long count;
            long sum;
            boolean fired;

            Session(Tuple3<String, Long, Long> first) {
                start = first.f1;
                cut = cut(start, maxDuration, rule);
                end = start;
                add(first);
            }

            boolean takes(long t) {
                return start <= t && t <= end && t < cut;
            }

            void add(Tuple3<String, Long, Long> e) {
                count++;
                sum += e.f2;
                end = Math.min(Math.max(end, e.f1 + gap.applyAsLong(e)), cut);
            }

            boolean kept() {
                return fired && end - 1 + allowedLateness > currentWatermark();
            }
        }

        @Override
        public void element(String key, long timestamp, long value) {
            long watermark = currentWatermark();
            Tuple3<String, Long, Long> element = Tuple3.of(key, timestamp, value);
            if (lateRule == LateRule.ELEMENT_TIMESTAMP
                    && timestamp + allowedLateness <= watermark) {
                lateElement(element);
                return;
            }
            List<Session> ofKey = sessions.computeIfAbsent(key, k -> new ArrayList<>());
            Session open = open(ofKey);
            if (open != null && open.takes(timestamp)) {
                open.add(element);
                return;
            }
            if (timestamp > watermark) {
                waiting.add(element);
                return;
            }
            Session joined = null;
            long latestKeptEnd = Long.MIN_VALUE;
            for (Session kept : ofKey) {
                if (kept.kept()) {
                    if (kept.takes(timestamp) && (joined == null || kept.start > joined.start)) {
                        joined = kept;
                    }
                    latestKeptEnd = Math.max(latestKeptEnd, kept.end);
                }
            }
            if (joined != null) {
                joined.add(element);
                fire(key, joined);
                return;
            }
            Session opened = new Session(element);
            if (open == null
                    && timestamp > latestKeptEnd
                    && opened.end - 1 + allowedLateness > watermark) {
                ofKey.add(opened);
                if (opened.end - 1 <= watermark) {
                    fire(key, opened);
                }
                return;
            }
            lateElement(element);
        }

        @Override
        protected void advance() {
            for (Map.Entry<String, List<Session>> ofKey : sessions.entrySet()) {
                walk(ofKey.getKey(), ofKey.getValue());
            }
        }

        /** Walks event time of one key up to the watermark. */
        private void walk(String key, List<Session> ofKey) {
            long watermark = currentWatermark();
            while (true) {
                long nextWaiting = Long.MAX_VALUE;
                for (Tuple3<String, Long, Long> e : waiting) {
                    if (e.f0.equals(key) && e.f1 <= watermark) {
                        nextWaiting = Math.min(nextWaiting, e.f1);
                    }
                }
                Session open = open(ofKey);
                if (open != null && open.end - 1 <= watermark && open.end - 1 < nextWaiting) {
                    long end = open.end;
                    List<Tuple3<String, Long, Long>> atEnd;
                    while (open.takes(open.end) && !(atEnd = waitingAt(key, open.end)).isEmpty()) {
                        atEnd.forEach(open::add);
                    }
                    if (open.end == end) {
                        fire(key, open);
                    }
                } else if (nextWaiting != Long.MAX_VALUE) {
                    for (Tuple3<String, Long, Long> e : waitingAt(key, nextWaiting)) {
                        Session current = open(ofKey);
                        if (current != null && current.takes(e.f1)) {
                            current.add(e);
                        } else {
                            if (current != null) {
                                fire(key, current);
                            }
                            ofKey.add(new Session(e));
                        }
                    }
                } else {
                    return;
                }
            }
        }

        /** Removes and returns the waiting elements of {@code key} at {@code t}, arrival order. */
        private List<Tuple3<String, Long, Long>> waitingAt(String key, long t) {
            List<Tuple3<String, Long, Long>> at = new ArrayList<>();
            for (Tuple3<String, Long, Long> e : waiting) {
                if (e.f0.equals(key) && e.f1 == t) {
                    at.add(e);
                }
            }
            waiting.removeAll(at);
            return at;
        }

        private Session open(List<Session> ofKey) {
            for (Session s : ofKey) {
                if (!s.fired) {
                    return s;
                }
            }
            return null;
        }

        private void fire(String key, Session session) {
            session.fired = true;
            fired(new WindowResult(key, session.start, session.end, session.count, session.sum));
        }
    }
}
