package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.MergingWindowAssigner;
import org.apache.flink.streaming.api.windowing.assigners.SessionWindowTimeGapExtractor;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What the event-time and processing-time capped session assigners share: the gap (fixed or per
 * element), the optional maximum duration with its {@link MaxDurationRule}, and the merge rule.
 *
 * <p>A session that started at {@code s} has the window {@code [s, min(reach, C))}, where {@code
 * reach} is the latest {@code t + gap(t)} of its elements and {@code C} the cut instant of the rule
 * ({@code +∞} without a maximum duration). An element at {@code t} joins it iff {@code s <= t <=
 * end} and {@code t < C}: a gap exactly equal to the session gap keeps the session open, as in
 * Flink's session windows, and the cut always wins.
 *
 * @param <T> the element type the gap extractor reads
 */
@PublicEvolving
public abstract class CappedSessionWindowAssigner<T> extends MergingWindowAssigner<T, TimeWindow> {

    private static final long serialVersionUID = 1L;

    /** No maximum duration. */
    static final long UNLIMITED = 0;

    private final SessionWindowTimeGapExtractor<T> gap;
    private final long maxDuration;
    private final MaxDurationRule rule;

    CappedSessionWindowAssigner(
            SessionWindowTimeGapExtractor<T> gap, long maxDuration, MaxDurationRule rule) {
        this.gap = WindowArguments.notNull(gap, "session gap extractor");
        this.maxDuration = maxDuration;
        this.rule = WindowArguments.notNull(rule, "max-duration rule");
    }

    /** The maximum duration in milliseconds, or 0 if sessions are not capped. */
    public long getMaxDuration() {
        return maxDuration;
    }

    /** How the maximum duration cuts a session. */
    public MaxDurationRule getMaxDurationRule() {
        return rule;
    }

    /** The gap extractor (a constant one for {@code withGap}). */
    public SessionWindowTimeGapExtractor<T> getGapExtractor() {
        return gap;
    }

    /** The instant at which a session that started at {@code start} is cut. */
    long cut(long start) {
        return maxDuration == UNLIMITED ? Long.MAX_VALUE : rule.cut(start, maxDuration);
    }

    /** Whether an element at {@code timestamp} joins the session {@code [start, end)}. */
    boolean joins(long start, long end, long timestamp) {
        return start <= timestamp && timestamp <= end && timestamp < cut(start);
    }

    /** The end of the session that started at {@code start} once it reaches {@code reach}. */
    long end(long start, long reach) {
        return Math.min(reach, cut(start));
    }

    /** How far an element at {@code timestamp} keeps its session open: {@code t + gap(t)}. */
    long reach(T element, long timestamp) {
        long sessionGap = gap.extract(element);
        if (sessionGap <= 0) {
            throw new IllegalArgumentException(
                    "session gap must be positive, the gap extractor returned "
                            + sessionGap
                            + " for element "
                            + element);
        }
        long reach = timestamp + sessionGap;
        return reach > timestamp ? reach : Long.MAX_VALUE; // overflow
    }

    /** The session window of one element at {@code timestamp}. */
    TimeWindow windowOf(T element, long timestamp) {
        return new TimeWindow(timestamp, end(timestamp, reach(element, timestamp)));
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            T element, long timestamp, WindowAssignerContext context) {
        return Collections.singletonList(windowOf(element, assignedTimestamp(timestamp, context)));
    }

    /** The time the element is assigned at: its event timestamp or the processing time. */
    abstract long assignedTimestamp(long timestamp, WindowAssignerContext context);

    /**
     * Merges the new element's window with the sessions it joins. Flink's {@code MergingWindowSet}
     * passes the existing windows first and the new one last. Sessions are chained in start order:
     * a window joins the chain before it if it starts inside it, before the chain's cut, and — if
     * it is an existing session — ends by the cut, so that no merge makes a session longer than the
     * maximum. Only chains that contain the new window are merged; existing windows never change
     * otherwise.
     */
    @Override
    public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
        if (windows.size() < 2) {
            return;
        }
        List<TimeWindow> sorted = new ArrayList<>(windows);
        TimeWindow candidate = sorted.get(sorted.size() - 1);
        // Stable: the candidate stays after an existing window with the same start.
        sorted.sort(Comparator.comparingLong(TimeWindow::getStart));

        List<TimeWindow> chain = new ArrayList<>();
        long chainStart = 0;
        long chainEnd = 0;
        boolean chainHasCandidate = false;
        for (TimeWindow window : sorted) {
            boolean isCandidate = window == candidate;
            boolean joins =
                    !chain.isEmpty()
                            && window.getStart() <= chainEnd
                            && window.getStart() < cut(chainStart)
                            && (isCandidate || window.getEnd() <= cut(chainStart));
            if (joins) {
                chain.add(window);
                chainEnd = end(chainStart, Math.max(chainEnd, window.getEnd()));
            } else {
                report(chain, chainHasCandidate, chainStart, chainEnd, callback);
                chain = new ArrayList<>();
                chain.add(window);
                chainStart = window.getStart();
                chainEnd = window.getEnd();
                chainHasCandidate = false;
            }
            chainHasCandidate |= isCandidate;
        }
        report(chain, chainHasCandidate, chainStart, chainEnd, callback);
    }

    private static void report(
            List<TimeWindow> chain,
            boolean hasCandidate,
            long start,
            long end,
            MergeCallback<TimeWindow> callback) {
        if (hasCandidate && chain.size() > 1) {
            callback.merge(chain, new TimeWindow(start, end));
        }
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    /**
     * @deprecated Flink calls {@link #getDefaultTrigger()}.
     */
    @Deprecated
    @Override
    public Trigger<T, TimeWindow> getDefaultTrigger(StreamExecutionEnvironment env) {
        return getDefaultTrigger();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName()
                + "(gap="
                + gap
                + (maxDuration == UNLIMITED ? "" : ", maxDuration=" + maxDuration + ", " + rule)
                + ")";
    }

    static long gapMillis(Duration gap) {
        return WindowArguments.positiveMillis(gap, "session gap");
    }

    static long maxDurationMillis(Duration maxDuration) {
        return WindowArguments.positiveMillis(maxDuration, "maximum session duration");
    }

    /** The gap of {@code withGap}: the same for every element. */
    static final class FixedGap implements SessionWindowTimeGapExtractor<Object> {

        private static final long serialVersionUID = 1L;

        private final long gap;

        FixedGap(long gap) {
            this.gap = gap;
        }

        @Override
        public long extract(Object element) {
            return gap;
        }

        @Override
        public String toString() {
            return Long.toString(gap);
        }
    }
}
